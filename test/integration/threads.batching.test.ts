import { type TestApp, startTestApp } from "../support/testApp";

describe("thread loaders", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const seedUser = async (u: number): Promise<void> => {
      const userId = `tb-${String(u).padStart(2, "0")}`;
      await t.execute(`mutation($id: ID!) { addUser(input: { userId: $id }) { uuid } }`, { id: userId });
      // Users own 0 to 6 threads, so some pages are short and some users have none.
      const threads = u % 7;
      await Promise.all(
        Array.from({ length: threads }, async (_, i) => {
          const threadId = `${userId}-t${i}`;
          await t.execute(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { uuid } }`, { t: threadId, u: userId });
          await t.execute(`mutation($t: ID!, $m: [MessageInput!]!) { addMessages(threadId: $t, messages: $m) { messageUuids } }`, {
            t: threadId,
            m: Array.from({ length: i + 1 }, (_, k) => ({ role: "USER", content: `m${k}` })),
          });
        }),
      );
    };
    // Users in parallel batches: each user's writes queue on that user's lock, different users' do not.
    for (let start = 0; start < 50; start += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, k) => seedUser(start + k)));
    }
  }, 180_000);
  afterAll(() => t.close());

  const QUERY = `{ users(first: 50) { edges { node { userId threadCount
    threads(first: 5) { totalCount edges { node { threadId messageCount user { userId }
      messages(first: 2) { totalCount edges { node { content } } } } } } } } } }`;

  it("reads 50 users with threadCount, their first 5 threads, message counts and messages in a constant number of statements", async () => {
    const { result, byQuery, total } = await t.countStatements(() => t.execute(QUERY));
    expect(result.errors).toBeUndefined();
    const users = result.data?.users.edges.map((e: any) => e.node);
    expect(users).toHaveLength(50);
    for (const user of users) {
      const expectedThreads = Number(user.userId.slice(3)) % 7;
      expect(user.threadCount).toBe(expectedThreads);
      expect(user.threads.totalCount).toBe(expectedThreads);
      expect(user.threads.edges).toHaveLength(Math.min(5, expectedThreads));
      for (const { node: thread } of user.threads.edges) {
        const index = Number(thread.threadId.split("-t")[1]);
        expect(thread.messageCount).toBe(index + 1);
        expect(thread.messages.totalCount).toBe(index + 1);
        expect(thread.user.userId).toBe(user.userId);
      }
    }
    // The users' first threads come with the page of users, in its statement.
    expect(byQuery).toEqual({
      "user.page-forward": 1,
      "thread.count-by-user-uuids": 1,
      "message.page-by-threads-forward": 1,
    });
    expect(total).toBe(3);
  });

  const THREAD_PAGE = `threads(first: 5) { edges { cursor node { threadId createdAt messageCount } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }`;

  it("gives the same thread pages with the page of users as User.threads reads for one user", async () => {
    const page = await t.data(
      `{ users(first: 50) { edges { node { userId ${THREAD_PAGE} } } } }`,
    );
    expect(page.users.edges).toHaveLength(50);
    for (const { node: user } of page.users.edges) {
      const alone = await t.data(`query($id: ID!) { user(userId: $id) { ${THREAD_PAGE} } }`, {
        id: user.userId,
      });
      expect(user.threads).toEqual(alone.user.threads);
    }
  });

  it("reads threads apart when User.threads pages back", async () => {
    const { result, byQuery } = await t.countStatements(() =>
      t.execute(`{ users(first: 10) { edges { node { userId threads(last: 2) { edges { node { threadId } } } } } } }`),
    );
    expect(result.errors).toBeUndefined();
    expect(byQuery).toEqual({ "user.page-forward": 1, "thread.page-by-users-backward": 1 });
  });

  it("reads threads apart after a cursor, and reports bad thread arguments as User.threads does", async () => {
    const first = await t.data(`{ user(userId: "tb-06") { threads(first: 2) { edges { cursor } } } }`);
    const after = first.user.threads.edges[1]!.cursor;
    const { result, byQuery } = await t.countStatements(() =>
      t.execute(`query($after: String) { users(first: 10) { edges { node { userId threads(first: 2, after: $after) { edges { node { threadId } } } } } } }`, {
        after,
      }),
    );
    expect(result.errors).toBeUndefined();
    expect(byQuery).toEqual({ "user.page-forward": 1, "thread.page-by-users-forward-after": 1 });
    const bad = await t.execute(`{ users(first: 2) { edges { node { threads(first: -1) { edges { cursor } } } } } }`);
    expect(bad.errors?.length).toBeGreaterThan(0);
    expect(new Set(bad.errors?.map((error) => error.extensions?.code))).toEqual(new Set(["BAD_USER_INPUT"]));
  });
});
