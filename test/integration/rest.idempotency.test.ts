import { randomUUID } from "node:crypto";
import { ZepClient } from "@getzep/zep-cloud";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";
import {
  LOSE_ANSWER,
  ageClaim,
  expireKey,
  forgetKeptAnswer,
  holdUserLock,
  loseMarkedAnswers,
  storedKey,
  untilKeyStatus,
} from "../support/idempotency";
import { explain, seeksAnIndex, unboundedReads } from "../support/plans";
import { serveForZep, useZepApp } from "../support/zep";

// The Idempotency-Key header on Zep's REST writes: a retry of a write gets the first answer and writes
// nothing more, whatever became of the first answer; the database shows how many writes happened.

describe("REST writes with an Idempotency-Key", () => {
  const app = useZepApp();

  interface Answer {
    status: number;
    body: any;
    replayed: string | null;
  }

  async function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}, base = app.base): Promise<Answer> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json(), replayed: response.headers.get("idempotent-replayed") };
  }

  const say = (threadId: string, contents: string[], headers: Record<string, string> = {}, base?: string) =>
    send("POST", `/threads/${threadId}/messages`, { messages: contents.map((content) => ({ role: "user", content })) }, headers, base);

  async function userWithThread(label: string): Promise<{ userId: string; threadId: string }> {
    const userId = uniqueId(label);
    const threadId = `${userId}-t`;
    expect((await send("POST", "/users", { user_id: userId })).status).toBe(201);
    expect((await send("POST", "/threads", { thread_id: threadId, user_id: userId })).status).toBe(201);
    return { userId, threadId };
  }

  async function storedMessages(threadId: string, t: TestApp = app.t): Promise<{ uuid: string; content: string }[]> {
    return t.cypher(
      `MATCH (:Thread {projectId: $p, threadId: $t})-[:HAS_MESSAGE]->(m) RETURN m.uuid AS uuid, m.content AS content ORDER BY m.seq`,
      { p: t.projectId, t: threadId },
    );
  }

  it("the same write sent twice with one key answers the first answer twice and writes once", async () => {
    const { threadId } = await userWithThread("twice");
    const key = randomUUID();
    const first = await say(threadId, ["one", "two"], { "Idempotency-Key": key });
    const second = await say(threadId, ["one", "two"], { "Idempotency-Key": key });
    expect(first).toMatchObject({ status: 200, replayed: null });
    expect(second).toEqual({ ...first, replayed: "true" });
    expect(await storedMessages(threadId)).toEqual(first.body.message_uuids.map((uuid: string, i: number) => ({ uuid, content: ["one", "two"][i] })));
    expect(await storedKey(app.t, key)).toMatchObject({ status: "done", writes: ["#0"] });
  });

  it("a created user or thread replays its 201 and is created once; a key in the draft's quoted form names the same key", async () => {
    const userId = uniqueId("created");
    const key = randomUUID();
    const first = await send("POST", "/users", { user_id: userId, first_name: "Ida" }, { "Idempotency-Key": `"${key}"` });
    const again = await send("POST", "/users", { first_name: "Ida", user_id: userId }, { "Idempotency-Key": key });
    expect(first.status).toBe(201);
    // The same JSON in another key order is the same request.
    expect(again).toEqual({ ...first, replayed: "true" });
    const [row] = await app.t.cypher(`MATCH (u:User {projectId: $p, userId: $id}) RETURN count(u) AS users`, { p: app.t.projectId, id: userId });
    expect(row?.users).toBe(1);
  });

  it("the key sent with a different body answers 422 and writes nothing", async () => {
    const { threadId } = await userWithThread("reused");
    const key = randomUUID();
    await say(threadId, ["first"], { "Idempotency-Key": key });
    const other = await say(threadId, ["second"], { "Idempotency-Key": key });
    expect(other).toEqual({
      status: 422,
      body: { message: `Idempotency-Key "${key}" was sent with a different request; a new request needs a new key` },
      replayed: null,
    });
    // Another route is another request too.
    expect((await send("DELETE", `/threads/${threadId}`, undefined, { "Idempotency-Key": key })).status).toBe(422);
    expect((await storedMessages(threadId)).map((message) => message.content)).toEqual(["first"]);
  });

  it("a retry while the first request still runs answers 409; once it has finished, the first answer", async () => {
    const { userId, threadId } = await userWithThread("running");
    const key = randomUUID();
    const release = await holdUserLock(app.t, userId);
    let first: Promise<Answer>;
    try {
      first = say(threadId, ["hello"], { "Idempotency-Key": key });
      // The first request holds the key and waits for the user's lock inside its write.
      await untilKeyStatus(app.t, key, "held");
      const retry = await say(threadId, ["hello"], { "Idempotency-Key": key });
      expect(retry).toEqual({
        status: 409,
        body: { message: `a request with Idempotency-Key "${key}" is still in progress; retry once it has finished` },
        replayed: null,
      });
    } finally {
      await release();
    }
    const answered = await first;
    expect(answered.status).toBe(200);
    expect(await say(threadId, ["hello"], { "Idempotency-Key": key })).toEqual({ ...answered, replayed: "true" });
    expect(await storedMessages(threadId)).toHaveLength(1);
  });

  it("an answer lost on its way to the client: the retry gets it, and nothing more is written", async () => {
    const { threadId } = await userWithThread("lost");
    const key = randomUUID();
    const stop = loseMarkedAnswers(app.t.app.server.httpServer, "cut");
    try {
      await expect(say(threadId, ["kept once"], { "Idempotency-Key": key, [LOSE_ANSWER]: key })).rejects.toThrow();
    } finally {
      stop();
    }
    const written = await storedMessages(threadId);
    expect(written).toHaveLength(1);
    const retry = await say(threadId, ["kept once"], { "Idempotency-Key": key });
    expect(retry).toEqual({ status: 200, body: { message_uuids: [written[0]?.uuid] }, replayed: "true" });
    expect(await storedMessages(threadId)).toEqual(written);
  });

  it("a write that committed without a kept answer (Neo4j went away): the retry rebuilds the answer from the recorded write", async () => {
    const { threadId } = await userWithThread("open");
    const key = randomUUID();
    const first = await say(threadId, ["a", "b"], { "Idempotency-Key": key });
    await forgetKeptAnswer(app.t, key);
    const retry = await say(threadId, ["a", "b"], { "Idempotency-Key": key });
    expect(retry).toEqual({ ...first, replayed: null });
    expect(await storedMessages(threadId)).toHaveLength(2);
    expect(await storedKey(app.t, key)).toMatchObject({ status: "done", writes: ["#0"] });
  });

  it("a claim whose holder went silent is taken over: the retry's write stands, the old holder's is rolled back", async () => {
    const { userId, threadId } = await userWithThread("stale");
    const key = randomUUID();
    const release = await holdUserLock(app.t, userId);
    let stuck: Promise<Answer>;
    let retry: Promise<Answer>;
    try {
      stuck = say(threadId, ["once"], { "Idempotency-Key": key });
      await untilKeyStatus(app.t, key, "held");
      const { token } = (await storedKey(app.t, key)) as { token: string };
      await ageClaim(app.t, key);
      retry = say(threadId, ["once"], { "Idempotency-Key": key });
      // The retry holds the key now (another token), and waits for the user's lock too.
      for (let attempt = 0; (await storedKey(app.t, key))?.token === token; attempt += 1) {
        if (attempt > 400) throw new Error("the retry never took the key over");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await release();
    }
    const [old, fresh] = await Promise.all([stuck, retry]);
    expect(old).toEqual({
      status: 409,
      body: { message: "a retry with the same Idempotency-Key took this request over; retry to receive its result" },
      replayed: null,
    });
    expect(fresh.status).toBe(200);
    expect((await storedMessages(threadId)).map((message) => message.uuid)).toEqual(fresh.body.message_uuids);
  });

  it("a request that fails before writing leaves no key: sent again, it runs", async () => {
    const userId = uniqueId("later");
    const threadId = `${userId}-t`;
    const key = randomUUID();
    const early = await say(threadId, ["too early"], { "Idempotency-Key": key });
    expect(early.status).toBe(404);
    expect(await storedKey(app.t, key)).toBeNull();
    await send("POST", "/users", { user_id: userId });
    await send("POST", "/threads", { thread_id: threadId, user_id: userId });
    expect((await say(threadId, ["too early"], { "Idempotency-Key": key })).status).toBe(200);
    expect(await storedMessages(threadId)).toHaveLength(1);
  });

  it("an expired key is a new key", async () => {
    const { threadId } = await userWithThread("expired");
    const key = randomUUID();
    const first = await say(threadId, ["again"], { "Idempotency-Key": key });
    await expireKey(app.t, key);
    const later = await say(threadId, ["again"], { "Idempotency-Key": key });
    expect(later).toMatchObject({ status: 200, replayed: null });
    expect(later.body.message_uuids).not.toEqual(first.body.message_uuids);
    expect(await storedMessages(threadId)).toHaveLength(2);
    expect(new Date((await storedKey(app.t, key))?.expiresAt.toString()).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
  });

  it("deleteUser retried after it finished answers its counts, and leaves a new user of the same id alone", async () => {
    const { userId, threadId } = await userWithThread("forget");
    await say(threadId, ["x", "y", "z"]);
    const key = randomUUID();
    const deleted = await send("DELETE", `/users/${userId}`, undefined, { "Idempotency-Key": key });
    expect(deleted.body).toMatchObject({ deleted_threads: 1, deleted_messages: 3 });
    await send("POST", "/users", { user_id: userId, first_name: "New" });
    expect(await send("DELETE", `/users/${userId}`, undefined, { "Idempotency-Key": key })).toEqual({ ...deleted, replayed: "true" });
    const [row] = await app.t.cypher(`MATCH (u:User {projectId: $p, userId: $id}) RETURN u.firstName AS firstName`, { p: app.t.projectId, id: userId });
    expect(row?.firstName).toBe("New");
    // Recorded with the tombstone, and with every later transaction of the deletion.
    expect((await storedKey(app.t, key))?.writes[0]).toBe("#0");
  });

  it("a key belongs to its project: the same key and request in another project writes there too", async () => {
    const other = await startTestApp();
    try {
      const { base } = await serveForZep(other);
      const userId = uniqueId("projects");
      const threadId = `${userId}-t`;
      for (const at of [app.base, base]) {
        await send("POST", "/users", { user_id: userId }, {}, at);
        await send("POST", "/threads", { thread_id: threadId, user_id: userId }, {}, at);
      }
      const key = randomUUID();
      const here = await say(threadId, ["hi"], { "Idempotency-Key": key });
      const there = await say(threadId, ["hi"], { "Idempotency-Key": key }, base);
      expect(there).toMatchObject({ status: 200, replayed: null });
      expect(there.body.message_uuids).not.toEqual(here.body.message_uuids);
      expect(await storedMessages(threadId)).toHaveLength(1);
      expect(await storedMessages(threadId, other)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it("refuses a key that is blank or too long, and ignores a key on a read", async () => {
    const { threadId } = await userWithThread("badkey");
    const long = await say(threadId, ["x"], { "Idempotency-Key": "k".repeat(256) });
    expect(long).toEqual({
      status: 400,
      body: { message: "Idempotency-Key must be 1 to 255 printable ASCII characters (a UUID will do); got 256 characters" },
      replayed: null,
    });
    expect((await say(threadId, ["x"], { "Idempotency-Key": '""' })).status).toBe(400);
    const key = randomUUID();
    expect((await send("GET", `/threads/${threadId}/messages`, undefined, { "Idempotency-Key": key })).status).toBe(200);
    expect(await storedKey(app.t, key)).toBeNull();
    expect(await storedMessages(threadId)).toEqual([]);
  });

  it("keys are found by index: a claim by its (projectId, key), the sweep by expiry", async () => {
    const claim = await explain(app.t, "idempotency-key.claim", {
      projectId: app.t.projectId,
      key: "k",
      fingerprint: "f",
      token: "t",
      ttlMs: 1000,
      staleAfterMs: 1000,
    });
    const sweep = await explain(app.t, "idempotency-key.delete-expired", { batchSize: 1000 });
    for (const plan of [claim, sweep]) {
      expect(seeksAnIndex(plan)).toBe(true);
      expect(unboundedReads(plan)).toEqual([]);
    }
  });

  it("the key's own statements, such as a sweep of expired keys, are never journaled as writes of the request", async () => {
    const { threadId } = await userWithThread("journal");
    const key = randomUUID();
    const ctx = app.t.app.server.context();
    const claim = await ctx.idempotencyKeys.claim({ key, fingerprint: "f", token: "t", ttlMs: 60_000, staleAfterMs: 60_000 });
    expect(claim.outcome).toBe("fresh");
    await ctx.idempotencyKeys.deleteExpired(10);
    const added = await ctx.threads.addMessages(threadId, [
      { role: "USER", name: null, content: "journaled", metadata: null, createdAt: null, episodeDescription: "test" },
    ]);
    await ctx.idempotencyKeys.finish(key, "t", "{}");
    const stored = await storedKey(app.t, key);
    expect(stored).toMatchObject({ status: "done", writes: ["#0"] });
    expect(JSON.parse(stored?.outcomes[0]).messageUuids).toEqual(typeof added === "string" ? null : added.messageUuids);
  });

  it("start-up deletes expired keys", async () => {
    const { threadId } = await userWithThread("sweep");
    const key = randomUUID();
    await say(threadId, ["x"], { "Idempotency-Key": key });
    await expireKey(app.t, key);
    const restarted = await startTestApp({ projectId: app.t.projectId });
    await restarted.close();
    expect(await storedKey(app.t, key)).toBeNull();
  });
});

describe("the Zep SDK and the Idempotency-Key", () => {
  const app = useZepApp();

  async function threadOf(label: string): Promise<string> {
    const userId = uniqueId(label);
    await app.zep.user.add({ userId });
    const threadId = `${userId}-t`;
    await app.zep.thread.create({ threadId, userId });
    return threadId;
  }

  async function messageCount(threadId: string): Promise<number> {
    const [row] = await app.t.cypher(`MATCH (:Thread {projectId: $p, threadId: $t})-[:HAS_MESSAGE]->(m) RETURN count(m) AS n`, {
      p: app.t.projectId,
      t: threadId,
    });
    return row?.n;
  }

  it("sends no Idempotency-Key of its own (@getzep/zep-cloud 3.30)", async () => {
    const threadId = await threadOf("sdk-headers");
    const seen: string[] = [];
    const listener = (req: { method?: string; headers: Record<string, unknown> }) => {
      if (req.method === "POST") seen.push(String(req.headers["idempotency-key"]));
    };
    app.t.app.server.httpServer.on("request", listener);
    try {
      await app.zep.thread.addMessages(threadId, { messages: [{ role: "user", content: "hi" }] });
    } finally {
      app.t.app.server.httpServer.off("request", listener);
    }
    expect(seen).toEqual(["undefined"]);
  });

  it("retries a 503 on its own: with a key of the caller's, the retry gets the first answer and the messages are added once", async () => {
    const stop = loseMarkedAnswers(app.t.app.server.httpServer, "503");
    try {
      const keyed = await threadOf("sdk-keyed");
      const key = randomUUID();
      const zep = new ZepClient({ apiKey: "test", baseUrl: app.base, headers: { [LOSE_ANSWER]: key } });
      const result = await zep.thread.addMessages(
        keyed,
        { messages: [{ role: "user", content: "once" }] },
        { headers: { "Idempotency-Key": key } },
      );
      expect(result.messageUuids).toHaveLength(1);
      expect(await messageCount(keyed)).toBe(1);

      // Without a key, the SDK's own retry adds the messages a second time: what the header is for.
      const bare = await threadOf("sdk-bare");
      const unkeyed = new ZepClient({ apiKey: "test", baseUrl: app.base, headers: { [LOSE_ANSWER]: randomUUID() } });
      await unkeyed.thread.addMessages(bare, { messages: [{ role: "user", content: "twice" }] });
      expect(await messageCount(bare)).toBe(2);
    } finally {
      stop();
    }
  });
});
