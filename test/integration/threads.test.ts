import { type TestApp, errorCodes, startTestApp, uniqueId } from "../support/testApp";

const CREATE = `mutation($input: CreateThreadInput!) {
  createThread(input: $input) { threadId uuid userId metadata createdAt updatedAt messageCount user { userId } } }`;
const DELETE_THREAD = `mutation($id: ID!) { deleteThread(threadId: $id) { threadId message deletedMessages } }`;
const ADD = `mutation($id: ID!, $messages: [MessageInput!]!) {
  addMessages(threadId: $id, messages: $messages) { messageUuids thread { messageCount updatedAt } } }`;

describe("threads", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function addUser(): Promise<string> {
    const userId = uniqueId("tu");
    const result = await t.execute(`mutation($id: ID!) { addUser(input: { userId: $id }) { uuid } }`, { id: userId });
    expect(result.errors).toBeUndefined();
    return userId;
  }

  it("createThread links a new thread to its user and reads it back", async () => {
    const userId = await addUser();
    const threadId = uniqueId("th");
    const result = await t.execute(CREATE, { input: { threadId: ` ${threadId} `, userId, metadata: { topic: "billing" } } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createThread).toMatchObject({ threadId, userId, metadata: { topic: "billing" }, messageCount: 0, user: { userId } });
    const read = await t.execute(`query($id: ID!) { thread(threadId: $id) { threadId user { userId } } }`, { id: threadId });
    expect(read.data?.thread).toEqual({ threadId, user: { userId } });
    const [stored] = await t.cypher(
      `MATCH (u:User {projectId: $p, userId: $userId})-[:HAS_THREAD]->(th:Thread {threadId: $threadId})
       RETURN th.groupId = u.uuid AS sameWorld, th.projectId AS projectId`,
      { p: t.projectId, userId, threadId },
    );
    expect(stored).toEqual({ sameWorld: true, projectId: t.projectId });
  });

  it("createThread fails with NOT_FOUND for an unknown user and writes nothing", async () => {
    const threadId = uniqueId("orphan");
    const result = await t.execute(CREATE, { input: { threadId, userId: "no-such-user" } });
    expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
    const [row] = await t.cypher(`MATCH (th:Thread {threadId: $threadId}) RETURN count(th) AS n`, { threadId });
    expect(row?.n).toBe(0);
  });

  it("createThread gives THREAD_ALREADY_EXISTS for a taken threadId, also under concurrency", async () => {
    const userId = await addUser();
    const threadId = uniqueId("dup");
    const results = await Promise.all(Array.from({ length: 10 }, () => t.execute(CREATE, { input: { threadId, userId } })));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.flatMap(errorCodes).filter((code) => code === "THREAD_ALREADY_EXISTS")).toHaveLength(9);
    const [row] = await t.cypher(`MATCH (th:Thread {projectId: $p, threadId: $threadId}) RETURN count(th) AS n`, { p: t.projectId, threadId });
    expect(row?.n).toBe(1);
  });

  it("createThread takes a threadId of 500 characters and refuses 501 or a blank one", async () => {
    const userId = await addUser();
    const at500 = uniqueId("long").padEnd(500, "x");
    expect((await t.execute(CREATE, { input: { threadId: at500, userId } })).errors).toBeUndefined();
    const at501 = uniqueId("long").padEnd(501, "x");
    expect(errorCodes(await t.execute(CREATE, { input: { threadId: at501, userId } }))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.execute(CREATE, { input: { threadId: "  ", userId } }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("thread returns null for an unknown threadId", async () => {
    const read = await t.execute(`{ thread(threadId: "nope") { threadId } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data?.thread).toBeNull();
  });

  it("deleteThread removes the thread and its messages; the user and the user node stay", async () => {
    const userId = await addUser();
    const threadId = uniqueId("gone");
    await t.execute(CREATE, { input: { threadId, userId } });
    await t.execute(ADD, { id: threadId, messages: [{ role: "USER", content: "one" }, { role: "ASSISTANT", content: "two" }] });
    const result = await t.execute(DELETE_THREAD, { id: threadId });
    expect(result.data?.deleteThread).toMatchObject({ threadId, deletedMessages: 2 });
    expect((await t.execute(`query($id: ID!) { thread(threadId: $id) { threadId } }`, { id: threadId })).data?.thread).toBeNull();
    const user = await t.execute(`query($id: ID!) { user(userId: $id) { threadCount node { name } } }`, { id: userId });
    expect(user.data?.user).toEqual({ threadCount: 0, node: { name: userId } });
    const [left] = await t.cypher(`MATCH (m:Message {projectId: $p}) WHERE NOT (m)<-[:HAS_MESSAGE]-() RETURN count(m) AS n`, { p: t.projectId });
    expect(left?.n).toBe(0);
    expect(errorCodes(await t.execute(DELETE_THREAD, { id: threadId }))).toEqual(["NOT_FOUND"]);
  });

  it("User.threads lists the user's threads newest first, with threadCount and cursors", async () => {
    const userId = await addUser();
    const ids = [];
    for (let i = 0; i < 5; i += 1) {
      const threadId = `${userId}-t${i}`;
      ids.push(threadId);
      await t.execute(CREATE, { input: { threadId, userId } });
    }
    const query = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) { user(userId: $id) {
      threadCount threads(first: $first, after: $after, last: $last, before: $before) {
        totalCount edges { cursor node { threadId } } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } } }`;
    const page1 = await t.execute(query, { id: userId, first: 2 });
    expect(page1.data?.user.threadCount).toBe(5);
    expect(page1.data?.user.threads.totalCount).toBe(5);
    const newestFirst = [...ids].reverse();
    expect(page1.data?.user.threads.edges.map((e: any) => e.node.threadId)).toEqual(newestFirst.slice(0, 2));
    const page2 = await t.execute(query, { id: userId, first: 2, after: page1.data?.user.threads.pageInfo.endCursor });
    expect(page2.data?.user.threads.edges.map((e: any) => e.node.threadId)).toEqual(newestFirst.slice(2, 4));
    expect(page2.data?.user.threads.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const back = await t.execute(query, { id: userId, last: 2, before: page2.data?.user.threads.pageInfo.startCursor });
    expect(back.data?.user.threads.edges.map((e: any) => e.node.threadId)).toEqual(newestFirst.slice(0, 2));
    expect(back.data?.user.threads.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it("threadsOrdered pages the project's threads in the four orders", async () => {
    const other = await startTestApp();
    try {
      const users = ["b-user", "a-user"];
      for (const userId of users) await other.execute(`mutation($id: ID!) { addUser(input: { userId: $id }) { uuid } }`, { id: userId });
      // Distinct milliseconds, so that the time orders do not fall back on the threadId tie-break.
      const tick = () => new Promise((resolve) => setTimeout(resolve, 3));
      await other.execute(CREATE, { input: { threadId: "t-2", userId: "b-user" } });
      await tick();
      await other.execute(CREATE, { input: { threadId: "t-3", userId: "a-user" } });
      await tick();
      await other.execute(CREATE, { input: { threadId: "t-1", userId: "b-user" } });
      await tick();
      await other.execute(ADD, { id: "t-2", messages: [{ role: "USER", content: "latest change" }] });
      const query = `query($o: ThreadOrderBy, $asc: Boolean, $n: Int, $s: Int) {
        threadsOrdered(orderBy: $o, asc: $asc, pageNumber: $n, pageSize: $s) { totalCount responseCount threads { threadId userId messageCount } } }`;
      const ids = async (vars: Record<string, unknown>) =>
        (await other.execute(query, vars)).data?.threadsOrdered.threads.map((th: any) => th.threadId);
      expect(await ids({})).toEqual(["t-1", "t-3", "t-2"]);
      expect(await ids({ o: "CREATED_AT", asc: true })).toEqual(["t-2", "t-3", "t-1"]);
      expect(await ids({ o: "UPDATED_AT" })).toEqual(["t-2", "t-1", "t-3"]);
      expect(await ids({ o: "USER_ID", asc: true })).toEqual(["t-3", "t-1", "t-2"]);
      expect(await ids({ o: "THREAD_ID", asc: true })).toEqual(["t-1", "t-2", "t-3"]);
      expect(await ids({ o: "THREAD_ID", asc: true, n: 2, s: 2 })).toEqual(["t-3"]);
      const page = await other.execute(query, { s: 2 });
      expect(page.data?.threadsOrdered).toMatchObject({ totalCount: 3, responseCount: 2 });
      expect(errorCodes(await other.execute(query, { s: 1001 }))).toEqual(["BAD_USER_INPUT"]);
      expect(errorCodes(await other.execute(query, { n: 0 }))).toEqual(["BAD_USER_INPUT"]);
    } finally {
      await other.close();
    }
  });

  it("_entities resolves threads and users in one call, one statement per type, in input order", async () => {
    const userId = await addUser();
    const threadIds = Array.from({ length: 20 }, (_, i) => `${userId}-e${i}`);
    for (const threadId of threadIds) await t.execute(CREATE, { input: { threadId, userId } });
    const representations = threadIds.flatMap((threadId) => [
      { __typename: "Thread", threadId },
      { __typename: "User", userId },
      { __typename: "Thread", threadId: `${threadId}-missing` },
    ]);
    const { result, byQuery } = await t.countStatements(() =>
      t.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Thread { threadId } ... on User { userId } } }`, {
        r: representations,
      }),
    );
    expect(result.data?._entities).toEqual(
      representations.map((r) => (r.__typename === "User" ? { userId } : String(r.threadId).endsWith("-missing") ? null : { threadId: r.threadId })),
    );
    expect(byQuery).toEqual({ "thread.get-by-ids": 1, "user.get-by-ids": 1 });
  });
});
