import { type TestApp, startTestApp, uniqueId } from "../support/testApp";
import { leaveTombstone } from "../support/deletion";

// The right to be forgotten: deleteUser must leave nothing that carries the user's world, and nothing
// else that names them, while a neighbour of the same shape stays exactly as it was.

const THREADS = 3;
const MESSAGES_PER_THREAD = 50;

describe("deleteUser forgets everything", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function userWithThreads(label: string): Promise<{ userId: string; email: string; uuid: string; threadIds: string[] }> {
    const userId = uniqueId(label);
    const email = `${userId}@example.com`;
    const added = await t.execute(
      `mutation($id: ID!, $email: String) { addUser(input: { userId: $id, email: $email, firstName: "Fo", metadata: { who: $id } }) { uuid } }`,
      { id: userId, email },
    );
    const threadIds: string[] = [];
    for (let i = 0; i < THREADS; i += 1) {
      const threadId = `${userId}-thread-${i}`;
      threadIds.push(threadId);
      await t.execute(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u, metadata: { owner: $u } }) { uuid } }`, {
        t: threadId,
        u: userId,
      });
      for (let start = 0; start < MESSAGES_PER_THREAD; start += 25) {
        const messages = Array.from({ length: 25 }, (_, k) => ({ role: "USER", name: userId, content: `${email} says ${start + k}` }));
        const result = await t.execute(`mutation($t: ID!, $m: [MessageInput!]!) { addMessages(threadId: $t, messages: $m) { messageUuids } }`, {
          t: threadId,
          m: messages,
        });
        expect(result.errors).toBeUndefined();
      }
    }
    return { userId, email, uuid: added.data?.addUser.uuid, threadIds };
  }

  async function worldCounts(uuid: string): Promise<Record<string, number>> {
    const rows = await t.cypher(`MATCH (n {groupId: $uuid}) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label`, { uuid });
    return Object.fromEntries(rows.map((row) => [row.label, row.n]));
  }

  it("removes the user, the user node, every thread and message, and leaves the neighbour untouched", async () => {
    const doomed = await userWithThreads("forget");
    const neighbour = await userWithThreads("neighbour");
    // Each message's episode waits in the ingestion queue (no worker runs here): Pending too.
    expect(await worldCounts(doomed.uuid)).toEqual({ Entity: 1, Episodic: 150, Message: 150, Pending: 150, Thread: 3, User: 1 });
    const neighbourBefore = await worldCounts(neighbour.uuid);

    const result = await t.execute(
      `mutation($id: ID!) { deleteUser(userId: $id) { userId deletedThreads deletedMessages deletedFacts deletedNodes } }`,
      { id: doomed.userId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.deleteUser).toEqual({
      userId: doomed.userId,
      deletedThreads: THREADS,
      deletedMessages: THREADS * MESSAGES_PER_THREAD,
      deletedFacts: 0,
      deletedNodes: 1,
    });

    expect(await worldCounts(doomed.uuid)).toEqual({});
    const [mentions] = await t.cypher(
      `MATCH (n) WHERE any(key IN keys(n) WHERE
         (n[key] IS :: STRING AND (n[key] CONTAINS $userId OR n[key] CONTAINS $email)) OR
         (n[key] IS :: LIST<STRING> AND any(item IN n[key] WHERE item CONTAINS $userId OR item CONTAINS $email)))
       RETURN count(n) AS n`,
      { userId: doomed.userId, email: doomed.email },
    );
    expect(mentions?.n).toBe(0);

    const reads = await t.execute(
      `query($id: ID!, $thread: ID!, $r: [_Any!]!) {
        user(userId: $id) { userId } thread(threadId: $thread) { threadId }
        _entities(representations: $r) { ... on User { userId } ... on Thread { threadId } } }`,
      { id: doomed.userId, thread: doomed.threadIds[0], r: [{ __typename: "User", userId: doomed.userId }, { __typename: "Thread", threadId: doomed.threadIds[1] }] },
    );
    expect(reads.data).toEqual({ user: null, thread: null, _entities: [null, null] });

    expect(await worldCounts(neighbour.uuid)).toEqual(neighbourBefore);
    const neighbourRead = await t.execute(`query($id: ID!) { user(userId: $id) { threadCount threads { edges { node { messageCount } } } } }`, {
      id: neighbour.userId,
    });
    expect(neighbourRead.data?.user.threadCount).toBe(THREADS);
    expect(neighbourRead.data?.user.threads.edges.map((e: any) => e.node.messageCount)).toEqual([50, 50, 50]);
  });

  it("hides the user and their threads at once when a deletion is interrupted, and a repeated deleteUser finishes it with full counts", async () => {
    const doomed = await userWithThreads("halfway");
    // What an interrupted deleteUser leaves: the tombstone, and some batches done.
    await leaveTombstone(t, doomed.userId);
    await t.cypher(
      `MATCH (u:DeletedUser {projectId: $p, userId: $id})
       CALL (u) { MATCH (m:Message {projectId: $p, groupId: u.groupId}) WITH m LIMIT 60 DETACH DELETE m RETURN count(*) AS n }
       SET u.deletedMessages = u.deletedMessages + n`,
      { p: t.projectId, id: doomed.userId },
    );
    const hidden = await t.execute(
      `query($id: ID!, $thread: ID!) { user(userId: $id) { userId } thread(threadId: $thread) { threadId } threadsOrdered(pageSize: 1000) { threads { threadId } } }`,
      { id: doomed.userId, thread: doomed.threadIds[0] },
    );
    expect(hidden.data?.user).toBeNull();
    expect(hidden.data?.thread).toBeNull();
    expect(hidden.data?.threadsOrdered.threads.map((th: any) => th.threadId)).not.toContain(doomed.threadIds[0]);

    const result = await t.execute(`mutation($id: ID!) { deleteUser(userId: $id) { deletedThreads deletedMessages deletedNodes } }`, {
      id: doomed.userId,
    });
    expect(result.data?.deleteUser).toEqual({ deletedThreads: 3, deletedMessages: 150, deletedNodes: 1 });
    expect(await worldCounts(doomed.uuid)).toEqual({});
  });

  it("refuses new threads and messages for a user whose deletion has begun", async () => {
    const doomed = await userWithThreads("closing");
    await leaveTombstone(t, doomed.userId);
    const thread = await t.execute(`mutation($u: ID!) { createThread(input: { threadId: "late-thread", userId: $u }) { threadId } }`, {
      u: doomed.userId,
    });
    expect(thread.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const message = await t.execute(`mutation($t: ID!) { addMessages(threadId: $t, messages: [{ role: USER, content: "late" }]) { messageUuids } }`, {
      t: doomed.threadIds[0],
    });
    expect(message.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    await t.execute(`mutation($id: ID!) { deleteUser(userId: $id) { userId } }`, { id: doomed.userId });
    expect(await worldCounts(doomed.uuid)).toEqual({});
  });
});
