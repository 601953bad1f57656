import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// What a gateway sends usergraph: _entities with representations of users and threads, mixed. Each type
// is one statement whatever the count; answers keep input order; a key usergraph does not know in this
// project, including one that another project holds, is null.

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  __typename ... on User { userId email } ... on Thread { threadId userId } } }`;

type Representation = { __typename: "User"; userId: string } | { __typename: "Thread"; threadId: string };

describe("_entities", () => {
  let t: TestApp;
  let other: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    other = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    await other.close();
  });

  /** Users with an email and one thread each, `threadId` = `<userId>-t`, ten at a time. */
  async function usersWithThreads(app: TestApp, count: number): Promise<string[]> {
    const userIds = Array.from({ length: count }, (_, i) => uniqueId(`ent${i}`));
    for (let start = 0; start < count; start += 10) {
      await Promise.all(
        userIds.slice(start, start + 10).map(async (userId) => {
          const added = await app.execute(`mutation($id: ID!, $e: String) { addUser(input: { userId: $id, email: $e }) { uuid } }`, {
            id: userId,
            e: `${userId}@example.com`,
          });
          expect(added.errors).toBeUndefined();
          const created = await app.execute(`mutation($in: CreateThreadInput!) { createThread(input: $in) { threadId } }`, {
            in: { threadId: `${userId}-t`, userId },
          });
          expect(created.errors).toBeUndefined();
        }),
      );
    }
    return userIds;
  }

  it("resolves 100 mixed representations with one statement per type, in input order, null for unknown or foreign keys", async () => {
    const mine = await usersWithThreads(t, 30);
    const theirs = await usersWithThreads(other, 5);
    const expected = new Map<string, unknown>();
    const known: Representation[] = mine.flatMap((userId) => {
      expected.set(`User:${userId}`, { __typename: "User", userId, email: `${userId}@example.com` });
      expected.set(`Thread:${userId}-t`, { __typename: "Thread", threadId: `${userId}-t`, userId });
      return [
        { __typename: "User", userId },
        { __typename: "Thread", threadId: `${userId}-t` },
      ];
    });
    const foreign: Representation[] = theirs.flatMap((userId) => [
      { __typename: "User", userId },
      { __typename: "Thread", threadId: `${userId}-t` },
    ]);
    const unknown: Representation[] = Array.from({ length: 24 }, (_, i) =>
      i % 2 === 0 ? { __typename: "User", userId: `nobody-${i}` } : { __typename: "Thread", threadId: `nothing-${i}` },
    );
    // A key asked twice is answered twice.
    const repeated: Representation[] = [known[0]!, known[1]!, known[2]!, known[3]!, known[4]!, known[5]!];
    // Interleaved by a fixed permutation (37 is coprime with 100), so neither type nor kind comes in a run.
    const ordered = [...known, ...foreign, ...unknown, ...repeated];
    expect(ordered).toHaveLength(100);
    const representations = ordered.map((_, i) => ordered[(i * 37) % 100]!);

    const { result, byQuery } = await t.countStatements(() => t.execute(ENTITIES, { r: representations }));
    expect(result.errors).toBeUndefined();
    const key = (r: Representation) => (r.__typename === "User" ? `User:${r.userId}` : `Thread:${r.threadId}`);
    expect(result.data?._entities).toEqual(representations.map((r) => expected.get(key(r)) ?? null));
    expect(byQuery).toEqual({ "user.get-by-ids": 1, "thread.get-by-ids": 1 });

    // The foreign keys are real: their own project resolves them.
    const theirsAnswer = await other.execute(ENTITIES, { r: foreign });
    expect(theirsAnswer.data?._entities.every((entity: unknown) => entity !== null)).toBe(true);
  });

  it("serves entity fields through the same loaders: 40 users' threadCount and node are one statement each", async () => {
    const userIds = await usersWithThreads(t, 40);
    const { result, byQuery } = await t.countStatements(() =>
      t.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ... on User { userId threadCount node { name } } } }`, {
        r: userIds.map((userId) => ({ __typename: "User", userId })),
      }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual(
      userIds.map((userId) => ({ userId, threadCount: 1, node: { name: `${userId}@example.com` } })),
    );
    expect(byQuery).toEqual({ "user.get-by-ids": 1, "thread.count-by-user-uuids": 1, "user-node.get-by-user-uuids": 1 });
  });
});
