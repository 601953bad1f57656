import { randomUUID } from "node:crypto";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";
import { LOSE_ANSWER, expireKey, forgetKeptAnswer, holdUserLock, loseMarkedAnswers, storedKey, untilKeyStatus } from "../support/idempotency";

// The Idempotency-Key header on POST /graphql: a mutation operation sent again with its key gets the first
// `{ data, errors }` and writes nothing more; all its fields are one unit. The database shows the writes.

describe("GraphQL mutations with an Idempotency-Key", () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp();
    base = `http://127.0.0.1:${await t.app.server.listen(0)}`;
  });
  afterAll(() => t?.close());

  interface Answer {
    status: number;
    body: any;
    replayed: string | null;
  }

  async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}, at = base): Promise<Answer> {
    const response = await fetch(`${at}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: await response.json(), replayed: response.headers.get("idempotent-replayed") };
  }

  const ADD = `mutation Add($t: ID!, $m: [MessageInput!]!) {
    addMessages(threadId: $t, messages: $m) { messageUuids thread { messageCount } }
  }`;
  const messages = (...contents: string[]) => contents.map((content) => ({ role: "USER", content }));

  async function thread(label: string, app: TestApp = t): Promise<{ userId: string; threadId: string }> {
    const userId = uniqueId(label);
    const threadId = `${userId}-t`;
    const made = await app.execute(
      `mutation($u: ID!, $t: ID!) { addUser(input: { userId: $u }) { userId } createThread(input: { threadId: $t, userId: $u }) { threadId } }`,
      { u: userId, t: threadId },
    );
    expect(made.errors).toBeUndefined();
    return { userId, threadId };
  }

  async function contents(threadId: string, app: TestApp = t): Promise<string[]> {
    const rows = await app.cypher(`MATCH (:Thread {projectId: $p, threadId: $t})-[:HAS_MESSAGE]->(m) RETURN m.content AS content ORDER BY m.seq`, {
      p: app.projectId,
      t: threadId,
    });
    return rows.map((row) => row.content);
  }

  it("the same mutation sent twice with one key answers the first { data } twice and writes once", async () => {
    const { threadId } = await thread("twice");
    const key = randomUUID();
    const first = await post(ADD, { t: threadId, m: messages("one", "two") }, { "Idempotency-Key": key });
    expect(first.body.data.addMessages.thread.messageCount).toBe(2);
    const second = await post(ADD, { t: threadId, m: messages("one", "two") }, { "Idempotency-Key": key });
    expect(second).toEqual({ ...first, replayed: "true" });
    expect(await contents(threadId)).toEqual(["one", "two"]);
    expect(await storedKey(t, key)).toMatchObject({ status: "done", writes: ["addMessages#0"] });
  });

  it("a document of several mutation fields is one unit: replayed whole, and resumed field by field when its answer was lost", async () => {
    const { threadId: first } = await thread("unit-a");
    const second = `${first}-second`;
    const both = `mutation Both($a: ID!, $b: ID!) {
      a: addMessages(threadId: $a, messages: [{ role: USER, content: "to a" }]) { messageUuids }
      b: addMessages(threadId: $b, messages: [{ role: USER, content: "to b" }]) { messageUuids thread { messageCount } }
    }`;
    const key = randomUUID();
    const answered = await post(both, { a: first, b: second }, { "Idempotency-Key": key });
    // b's thread does not exist yet: a wrote, b did not (and its error nulls the whole data), and that answer is final.
    expect(answered.body).toMatchObject({ data: null, errors: [{ path: ["b"], extensions: { code: "NOT_FOUND" } }] });
    const [u] = await t.cypher(`MATCH (u:User)-[:HAS_THREAD]->(:Thread {projectId: $p, threadId: $t}) RETURN u.userId AS userId`, { p: t.projectId, t: first });
    await t.execute(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { threadId } }`, { t: second, u: u?.userId });
    expect(await post(both, { a: first, b: second }, { "Idempotency-Key": key })).toEqual({ ...answered, replayed: "true" });
    expect(await contents(second)).toEqual([]);

    // Had the answer been lost with Neo4j, the retry replays a's write and runs b, which never wrote.
    await forgetKeptAnswer(t, key);
    const resumed = await post(both, { a: first, b: second }, { "Idempotency-Key": key });
    expect(resumed.body.errors).toBeUndefined();
    const [written] = await t.cypher(`MATCH (:Thread {projectId: $p, threadId: $t})-[:HAS_MESSAGE]->(m) RETURN m.uuid AS uuid`, { p: t.projectId, t: first });
    expect(resumed.body.data.a).toEqual({ messageUuids: [written?.uuid] });
    expect(resumed.body.data.b.thread.messageCount).toBe(1);
    expect(await contents(first)).toEqual(["to a"]);
    expect(await contents(second)).toEqual(["to b"]);
    expect(await storedKey(t, key)).toMatchObject({ status: "done", writes: ["a#0", "b#0"] });
  });

  it("the key sent with other variables answers 422 IDEMPOTENCY_KEY_REUSED and writes nothing; so does the key of a REST request", async () => {
    const { threadId } = await thread("reused");
    const key = randomUUID();
    await post(ADD, { t: threadId, m: messages("first") }, { "Idempotency-Key": key });
    const other = await post(ADD, { t: threadId, m: messages("second") }, { "Idempotency-Key": key });
    expect(other.status).toBe(422);
    expect(other.body.data).toBeUndefined();
    expect(other.body.errors).toEqual([
      {
        message: `Idempotency-Key "${key}" was sent with a different request; a new request needs a new key`,
        extensions: { code: "IDEMPOTENCY_KEY_REUSED" },
      },
    ]);
    const rest = await fetch(`${base}/api/v2/threads/${threadId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "Idempotency-Key": key },
      body: JSON.stringify({ messages: [{ role: "user", content: "first" }] }),
    });
    expect(rest.status).toBe(422);
    expect(await contents(threadId)).toEqual(["first"]);
  });

  it("a retry while the first still runs answers 409 IDEMPOTENCY_KEY_IN_USE; once it has finished, the first answer", async () => {
    const { userId, threadId } = await thread("running");
    const key = randomUUID();
    const release = await holdUserLock(t, userId);
    let first: Promise<Answer>;
    try {
      first = post(ADD, { t: threadId, m: messages("hello") }, { "Idempotency-Key": key });
      await untilKeyStatus(t, key, "held");
      const retry = await post(ADD, { t: threadId, m: messages("hello") }, { "Idempotency-Key": key });
      expect(retry.status).toBe(409);
      expect(retry.body.errors.map((error: any) => error.extensions.code)).toEqual(["IDEMPOTENCY_KEY_IN_USE"]);
    } finally {
      await release();
    }
    const answered = await first;
    expect(answered.body.data.addMessages.messageUuids).toHaveLength(1);
    expect(await post(ADD, { t: threadId, m: messages("hello") }, { "Idempotency-Key": key })).toEqual({ ...answered, replayed: "true" });
    expect(await contents(threadId)).toEqual(["hello"]);
  });

  it("six requests at once with one key: one runs, each other answers 409 or the first answer", async () => {
    const { threadId } = await thread("six");
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(ADD, { t: threadId, m: messages("once") }, { "Idempotency-Key": key })));
    const ran = answers.filter((answer) => answer.status === 200 && answer.replayed === null);
    expect(ran).toHaveLength(1);
    for (const answer of answers) {
      if (answer.status === 409) expect(answer.body.errors[0].extensions.code).toBe("IDEMPOTENCY_KEY_IN_USE");
      else expect(answer.body).toEqual(ran[0]?.body);
    }
    expect(await contents(threadId)).toEqual(["once"]);
  });

  it("an answer lost on its way to the client: the retry gets it, and nothing more is written", async () => {
    const { threadId } = await thread("lost");
    const key = randomUUID();
    const stop = loseMarkedAnswers(t.app.server.httpServer, "cut");
    try {
      await expect(post(ADD, { t: threadId, m: messages("kept once") }, { "Idempotency-Key": key, [LOSE_ANSWER]: key })).rejects.toThrow();
    } finally {
      stop();
    }
    const [stored] = await t.cypher(`MATCH (:Thread {projectId: $p, threadId: $t})-[:HAS_MESSAGE]->(m) RETURN collect(m.uuid) AS uuids`, {
      p: t.projectId,
      t: threadId,
    });
    const retry = await post(ADD, { t: threadId, m: messages("kept once") }, { "Idempotency-Key": key });
    expect(retry).toEqual({ status: 200, body: { data: { addMessages: { messageUuids: stored?.uuids, thread: { messageCount: 1 } } } }, replayed: "true" });
    expect(await contents(threadId)).toEqual(["kept once"]);
  });

  it("deleteUser retried answers its first counts", async () => {
    const { userId, threadId } = await thread("forget");
    await post(ADD, { t: threadId, m: messages("x", "y") });
    const forget = `mutation($u: ID!) { deleteUser(userId: $u) { deletedThreads deletedMessages } }`;
    const key = randomUUID();
    const first = await post(forget, { u: userId }, { "Idempotency-Key": key });
    expect(first.body.data.deleteUser).toEqual({ deletedThreads: 1, deletedMessages: 2 });
    expect(await post(forget, { u: userId }, { "Idempotency-Key": key })).toEqual({ ...first, replayed: "true" });
  });

  it("an expired key is a new key; a key in another project is another key", async () => {
    const { threadId } = await thread("expired");
    const key = randomUUID();
    await post(ADD, { t: threadId, m: messages("again") }, { "Idempotency-Key": key });
    await expireKey(t, key);
    expect((await post(ADD, { t: threadId, m: messages("again") }, { "Idempotency-Key": key })).replayed).toBeNull();
    expect(await contents(threadId)).toEqual(["again", "again"]);

    const other = await startTestApp();
    try {
      const elsewhere = `http://127.0.0.1:${await other.app.server.listen(0)}`;
      const there = await thread("expired", other);
      const answer = await post(ADD, { t: there.threadId, m: messages("again") }, { "Idempotency-Key": key }, elsewhere);
      expect(answer).toMatchObject({ status: 200, replayed: null });
      expect(await contents(there.threadId, other)).toEqual(["again"]);
    } finally {
      await other.close();
    }
  });

  it("a query with a key is served as ever and leaves no key", async () => {
    const key = randomUUID();
    const answer = await post(`query { usersOrdered { rowCount } }`, {}, { "Idempotency-Key": key });
    expect(answer.status).toBe(200);
    expect(await storedKey(t, key)).toBeNull();
  });
});
