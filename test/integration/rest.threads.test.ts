import { Zep, ZepClient } from "@getzep/zep-cloud";
import { startTestApp, uniqueId } from "../support/testApp";
import { failure, messageOf, useZepApp } from "../support/zep";

// Zep's Threads API over /api/v2, driven by the official TypeScript SDK.

describe("REST threads, through the Zep SDK", () => {
  const app = useZepApp();

  async function userWithThread(label: string): Promise<{ userId: string; threadId: string }> {
    const userId = uniqueId(label);
    await app.zep.user.add({ userId, email: `${userId}@example.com`, firstName: "Tess", lastName: "Ray" });
    const threadId = uniqueId(`${label}-t`);
    await app.zep.thread.create({ threadId, userId });
    return { userId, threadId };
  }

  async function say(threadId: string, contents: string[]): Promise<string[]> {
    const result = await app.zep.thread.addMessages(threadId, {
      messages: contents.map((content, i) => ({ role: i % 2 === 0 ? "user" : "assistant", content })),
    });
    return result.messageUuids ?? [];
  }

  it("thread.create answers 201 with the thread; a taken id or an unknown user is refused", async () => {
    const userId = uniqueId("tc");
    const user = await app.zep.user.add({ userId });
    const threadId = uniqueId("tc-t");
    const { data: thread, rawResponse } = await app.zep.thread.create({ threadId, userId }).withRawResponse();
    expect(rawResponse.status).toBe(201);
    expect(thread).toMatchObject({ threadId, userId, userUuid: user.uuid });
    expect(thread.createdAt).toMatch(/\.\d{3}Z$/);
    const [row] = await app.t.cypher(`MATCH (:User {uuid: $u})-[:HAS_THREAD]->(t:Thread {threadId: $t}) RETURN t.uuid AS uuid`, {
      u: user.uuid,
      t: threadId,
    });
    expect(row?.uuid).toBe(thread.uuid);

    const taken = await failure(app.zep.thread.create({ threadId, userId }));
    expect(taken).toBeInstanceOf(Zep.BadRequestError);
    expect(taken.body).toEqual({ message: `thread already exists with thread_id: ${threadId}` });
    const orphan = await failure(app.zep.thread.create({ threadId: uniqueId("tc-o"), userId: `${userId}-nope` }));
    expect(orphan.statusCode).toBe(404);
    expect(messageOf(orphan)).toBe(`no user with user_id "${userId}-nope"`);
  });

  it("thread.addMessages stores the messages in order and returns their uuids", async () => {
    const { threadId } = await userWithThread("am");
    const result = await app.zep.thread.addMessages(threadId, {
      messages: [
        { role: "user", name: "Tess", content: "My invoice is wrong.", metadata: { channel: "chat" } },
        { role: "assistant", content: "Let me look into it.", createdAt: "2026-01-02T03:04:05Z" },
      ],
    });
    expect(result.messageUuids).toHaveLength(2);
    expect(result.context).toBeUndefined();
    const rows = await app.t.cypher(
      `MATCH (:Thread {projectId: $p, threadId: $t})-[:HAS_MESSAGE]->(m) RETURN m.uuid AS uuid, m.role AS role, m.name AS name ORDER BY m.seq`,
      { p: app.t.projectId, t: threadId },
    );
    expect(rows).toEqual([
      { uuid: result.messageUuids?.[0], role: "USER", name: "Tess" },
      { uuid: result.messageUuids?.[1], role: "ASSISTANT", name: null },
    ]);
    const { messages } = await app.zep.thread.get(threadId);
    expect(messages?.[0]).toMatchObject({ role: "user", name: "Tess", content: "My invoice is wrong.", metadata: { channel: "chat" } });
    expect(messages?.[1]).toMatchObject({ role: "assistant", createdAt: "2026-01-02T03:04:05.000Z" });
  });

  it("thread.addMessages with returnContext returns the thread's context block", async () => {
    const { userId, threadId } = await userWithThread("ctx");
    await app.zep.graph.addFactTriple({
      userId,
      sourceNodeName: "Tess Ray",
      targetNodeName: "Lisbon",
      fact: "Tess Ray lives in Lisbon",
      factName: "LIVES_IN",
    });
    const result = await app.zep.thread.addMessages(threadId, {
      messages: [{ role: "user", content: "What is the weather like in Lisbon?" }],
      returnContext: true,
    });
    expect(result.context).toContain("<USER_SUMMARY>");
    expect(result.context).toContain("Tess Ray lives in Lisbon");
    expect((await app.zep.thread.getUserContext(threadId)).context).toBe(result.context);
  });

  it("thread.addMessages applies addMessages' rules and refuses what usergraph does not do", async () => {
    const { threadId } = await userWithThread("amr");
    const thirtyOne = Array.from({ length: 31 }, () => ({ role: "user" as const, content: "hi" }));
    const tooMany = await failure(app.zep.thread.addMessages(threadId, { messages: thirtyOne }));
    expect(tooMany.statusCode).toBe(400);
    expect(messageOf(tooMany)).toBe("messages must hold 1 to 30 messages; got 31");
    const empty = await failure(app.zep.thread.addMessages(threadId, { messages: [{ role: "user", content: " " }] }));
    expect(messageOf(empty)).toBe("messages[0].content must not be empty");
    const ignoring = await failure(app.zep.thread.addMessages(threadId, { messages: [{ role: "user", content: "hi" }], ignoreRoles: ["assistant"] }));
    expect(messageOf(ignoring)).toBe("ignore_roles (keeping some roles' messages out of the graph) is not supported by usergraph");
    const unknown = await failure(app.zep.thread.addMessages(`${threadId}-nope`, { messages: [{ role: "user", content: "hi" }] }));
    expect(unknown.statusCode).toBe(404);
    expect(messageOf(unknown)).toBe(`no thread with thread_id "${threadId}-nope"`);
    const [row] = await app.t.cypher(`MATCH (:Thread {projectId: $p, threadId: $t})-[:HAS_MESSAGE]->(m) RETURN count(m) AS n`, {
      p: app.t.projectId,
      t: threadId,
    });
    expect(row?.n).toBe(0);
  });

  it("checks the JSON it is sent: a role Zep does not have, a message that is not an object, a bad date", async () => {
    const { threadId } = await userWithThread("raw");
    const post = async (body: unknown) => {
      const response = await fetch(`${app.base}/threads/${threadId}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { message: string } };
    };
    expect(await post({ messages: [{ role: "wizard", content: "hi" }] })).toEqual({
      status: 400,
      body: { message: 'messages[0].role must be one of norole, system, assistant, user, function, tool; got "wizard"' },
    });
    expect((await post({ messages: ["hi"] })).body.message).toBe('messages[0] must be a JSON object; got "hi"');
    expect((await post({ messages: [{ role: "user", content: "hi", created_at: "yesterday" }] })).body.message).toBe(
      'messages[0].created_at must be an ISO-8601 date-time such as 2026-11-27T10:00:00Z; got "yesterday"',
    );
    expect((await post({})).body.message).toBe("messages is required");
  });

  it("thread.get pages the messages oldest first: limit and cursor (a page number), or the lastn", async () => {
    const { userId, threadId } = await userWithThread("get");
    const thread = (await app.zep.user.getThreads(userId))[0];
    const uuids = await say(threadId, ["m0", "m1", "m2", "m3", "m4"]);

    const all = await app.zep.thread.get(threadId);
    expect(all.messages?.map((message) => message.content)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    expect(all.messages?.map((message) => message.uuid)).toEqual(uuids);
    expect(all).toMatchObject({ rowCount: 5, totalCount: 5, userId, userUuid: thread?.userUuid, threadCreatedAt: thread?.createdAt });

    const second = await app.zep.thread.get(threadId, { limit: 2, cursor: 2 });
    expect(second.messages?.map((message) => message.content)).toEqual(["m2", "m3"]);
    expect(second).toMatchObject({ rowCount: 2, totalCount: 5 });
    expect((await app.zep.thread.get(threadId, { limit: 2, cursor: 3 })).messages?.map((message) => message.content)).toEqual(["m4"]);
    expect((await app.zep.thread.get(threadId, { limit: 2, cursor: 4 })).messages).toEqual([]);

    const last = await app.zep.thread.get(threadId, { lastn: 2, limit: 1, cursor: 1 });
    expect(last.messages?.map((message) => message.content)).toEqual(["m3", "m4"]);

    const limit = await failure(app.zep.thread.get(threadId, { limit: 101 }));
    expect(limit.statusCode).toBe(400);
    expect(messageOf(limit)).toBe("limit must be between 1 and 100; got 101");
    expect(messageOf(await failure(app.zep.thread.get(threadId, { lastn: 0 })))).toBe("lastn must be between 1 and 100; got 0");
    expect(messageOf(await failure(app.zep.thread.get(threadId, { cursor: 0 })))).toBe("cursor must be a page number from 1; got 0");
    expect(await failure(app.zep.thread.get(`${threadId}-nope`))).toBeInstanceOf(Zep.NotFoundError);
  });

  it("thread.getUserContext answers the context block; a context template is refused", async () => {
    const { threadId } = await userWithThread("uc");
    const { context } = await app.zep.thread.getUserContext(threadId);
    expect(context).toContain("Tess Ray is a user");
    const template = await failure(app.zep.thread.getUserContext(threadId, { templateId: "tpl" }));
    expect(template.statusCode).toBe(400);
    expect(messageOf(template)).toBe("template_id (context templates) is not supported by usergraph");
    expect(await failure(app.zep.thread.getUserContext(`${threadId}-nope`))).toBeInstanceOf(Zep.NotFoundError);
  });

  it("thread.listAll pages all threads of the project, ordered as asked", async () => {
    const project = await startTestApp();
    try {
      const client = new ZepClient({ apiKey: await project.newApiKey(), baseUrl: `http://127.0.0.1:${await project.app.server.listen(0)}/api/v2` });
      const userId = uniqueId("la");
      await client.user.add({ userId });
      for (const threadId of ["la-c", "la-a", "la-b"]) {
        await client.thread.create({ threadId, userId });
        await new Promise((resolve) => setTimeout(resolve, 3)); // distinct createdAt, so newest first is certain
      }
      const page = await client.thread.listAll({ pageNumber: 1, pageSize: 2, orderBy: "thread_id", asc: true });
      expect(page.threads?.map((thread) => thread.threadId)).toEqual(["la-a", "la-b"]);
      expect(page).toMatchObject({ totalCount: 3, responseCount: 2 });
      const rest = await client.thread.listAll({ pageNumber: 2, pageSize: 2, orderBy: "thread_id", asc: true });
      expect(rest.threads?.map((thread) => thread.threadId)).toEqual(["la-c"]);
      const newest = await client.thread.listAll({});
      expect(newest.threads?.map((thread) => thread.threadId)).toEqual(["la-b", "la-a", "la-c"]);

      const order = await failure(client.thread.listAll({ orderBy: "size" }));
      expect(order).toBeInstanceOf(Zep.BadRequestError);
      expect(messageOf(order)).toBe('order_by must be one of created_at, updated_at, user_id, thread_id; got "size"');
      expect(messageOf(await failure(client.thread.listAll({ pageNumber: 0 })))).toBe("page_number must be 1 or more; got 0");
    } finally {
      await project.close();
    }
  });

  it("thread.delete removes the thread and its messages; the user stays", async () => {
    const { userId, threadId } = await userWithThread("del");
    await say(threadId, ["bye"]);
    expect((await app.zep.thread.delete(threadId)).message).toBe(`thread "${threadId}" and its messages were deleted`);
    const [row] = await app.t.cypher(
      `OPTIONAL MATCH (t:Thread {projectId: $p, threadId: $t}) OPTIONAL MATCH (m:Message {projectId: $p, content: "bye"})
       RETURN count(t) AS threads, count(m) AS messages`,
      { p: app.t.projectId, t: threadId },
    );
    expect(row).toEqual({ threads: 0, messages: 0 });
    expect((await app.zep.user.get(userId)).userId).toBe(userId);
    expect(await failure(app.zep.thread.get(threadId))).toBeInstanceOf(Zep.NotFoundError);
    expect(await failure(app.zep.thread.delete(threadId))).toBeInstanceOf(Zep.NotFoundError);
  });
});
