import { randomUUID } from "node:crypto";
import { leaveTombstone } from "../support/deletion";
import { storeOldUsers } from "../support/oldUsers";
import { type TestApp, errorCodes, startTestApp, uniqueId } from "../support/testApp";
import { serveForZep } from "../support/zep";

// The users' totalCount comes from the project's striped counter (cypher/counter.*): one more in the
// transaction that adds a user, one less in the statement that hides a deleted one, and a start from the
// stored users for a project that had none. These tests hold it to the users Neo4j actually has.

const ADD = `mutation($id: ID!) { addUser(input: { userId: $id }) { userId } }`;
const DELETE = `mutation($id: ID!) { deleteUser(userId: $id) { userId } }`;
const COUNTS = `{ users(first: 1) { totalCount } usersOrdered(pageSize: 1) { totalCount } }`;

async function storedUsers(t: TestApp, projectId = t.projectId): Promise<number> {
  const [row] = await t.cypher(`MATCH (u:User {projectId: $projectId}) RETURN count(u) AS n`, { projectId });
  return row?.n;
}

async function counterStripes(t: TestApp, projectId = t.projectId): Promise<{ stripe: number; count: number }[]> {
  return t.cypher(`MATCH (c:Counter {projectId: $projectId, name: 'users'}) RETURN c.stripe AS stripe, c.count AS count ORDER BY stripe`, {
    projectId,
  });
}

/** totalCount as both GraphQL fields report it; they must agree. */
async function totalCount(t: TestApp): Promise<number> {
  const result = await t.execute(COUNTS);
  expect(result.errors).toBeUndefined();
  expect(result.data?.usersOrdered.totalCount).toBe(result.data?.users.totalCount);
  return result.data?.users.totalCount;
}

describe("users' totalCount from the project's counter", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("a page without totalCount runs no count statement; with it, one counter read", async () => {
    for (let i = 0; i < 3; i += 1) await t.execute(ADD, { id: uniqueId("stmt") });
    const page = await t.countStatements(() => t.execute(`{ users(first: 2) { edges { node { userId } } } }`));
    expect(page.byQuery).toEqual({ "user.page-forward": 1 });
    const counted = await t.countStatements(() => t.execute(`{ users(first: 2) { totalCount edges { node { userId } } } }`));
    expect(counted.byQuery).toEqual({ "user.page-forward": 1, "counter.sum": 1 });

    const ordered = await t.countStatements(() => t.execute(`{ usersOrdered(pageSize: 2) { users { userId } } }`));
    expect(ordered.byQuery).toEqual({ "user.list-ordered": 1 });
    const orderedCounted = await t.countStatements(() => t.execute(`{ usersOrdered(pageSize: 2) { totalCount rowCount } }`));
    expect(orderedCounted.byQuery).toEqual({ "user.list-ordered": 1, "counter.sum": 1 });
    // A search's matches are read once for its page and its count.
    const searched = await t.countStatements(() => t.execute(`{ usersOrdered(search: "stmt") { totalCount rowCount } }`));
    expect(searched.byQuery).toEqual({ "user.list-ordered-search-counted": 1 });
    expect(searched.result.data?.usersOrdered).toEqual({ totalCount: 3, rowCount: 3 });
    const searchedPage = await t.countStatements(() => t.execute(`{ usersOrdered(search: "stmt") { rowCount } }`));
    expect(searchedPage.byQuery).toEqual({ "user.list-ordered-search": 1 });
  });

  it("one request that asks for both totalCounts reads the counter once", async () => {
    const both = await t.countStatements(() => t.execute(COUNTS));
    expect(both.result.errors).toBeUndefined();
    expect(both.byQuery["counter.sum"]).toBe(1);
  });

  it("REST total_count is the counter's, read once, and a search's comes with its page", async () => {
    const { zep } = await serveForZep(t);
    const { result: page, byQuery } = await t.countStatements(() => zep.user.listOrdered({ pageSize: 1 }));
    expect(page.totalCount).toBe(await storedUsers(t));
    // The API key's lookup is the gate's, not the list's.
    const listReads = Object.fromEntries(Object.entries(byQuery).filter(([name]) => !name.startsWith("api-key.")));
    expect(listReads).toEqual({ "user.list-ordered": 1, "counter.sum": 1 });

    // A search's total_count comes from the same read as its page.
    const searched = await t.countStatements(() => zep.user.listOrdered({ pageSize: 1, search: "stmt" }));
    expect(searched.result).toMatchObject({ totalCount: 3, rowCount: 1 });
    const searchReads = Object.fromEntries(Object.entries(searched.byQuery).filter(([name]) => !name.startsWith("api-key.")));
    expect(searchReads).toEqual({ "user.list-ordered-search-counted": 1 });
  });
});

describe("the user counter under concurrent adds and deletes", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("equals the users stored after 40 concurrent adds (some refused) and 10 concurrent deletes (some twice)", async () => {
    const tag = uniqueId("conc");
    const doomed = Array.from({ length: 10 }, (_, i) => `${tag}-doomed-${i}`);
    await Promise.all(doomed.map((id) => t.execute(ADD, { id })));
    const added = Array.from({ length: 40 }, (_, i) => `${tag}-new-${i}`);
    const results = await Promise.all([
      ...added.map((id) => t.execute(ADD, { id })),
      // A taken userId is refused and must not count.
      ...added.slice(0, 5).map((id) => t.execute(ADD, { id })),
      ...doomed.map((id) => t.execute(DELETE, { id })),
      // A second delete of a user counts nothing more, whichever of the two hides the user.
      ...doomed.slice(0, 5).map((id) => t.execute(DELETE, { id })),
    ]);
    const codes = results.flatMap(errorCodes);
    expect(codes.filter((code) => code === "USER_ALREADY_EXISTS")).toHaveLength(5);
    expect(codes.filter((code) => code !== "USER_ALREADY_EXISTS" && code !== "NOT_FOUND")).toEqual([]);
    expect(await storedUsers(t)).toBe(40);
    expect(await totalCount(t)).toBe(40);
    const stripes = await counterStripes(t);
    expect(stripes.reduce((sum, stripe) => sum + stripe.count, 0)).toBe(40);
  });

  it("takes a user off once when a deletion is interrupted and then resumed", async () => {
    const userId = uniqueId("resumed");
    await t.execute(ADD, { id: userId });
    const before = await totalCount(t);
    // What the first transaction of deleteUser leaves if the process dies right after it.
    await leaveTombstone(t, userId);
    expect(await totalCount(t)).toBe(before - 1);
    expect((await t.execute(DELETE, { id: userId })).errors).toBeUndefined();
    expect(await totalCount(t)).toBe(before - 1);
    expect(await storedUsers(t)).toBe(before - 1);
  });

  it("counts a userId freed by a deletion and taken again as one user", async () => {
    const userId = uniqueId("again");
    const before = await totalCount(t);
    await t.execute(ADD, { id: userId });
    await t.execute(DELETE, { id: userId });
    await t.execute(ADD, { id: userId });
    expect(await totalCount(t)).toBe(before + 1);
    expect(await storedUsers(t)).toBe(before + 1);
  });
});

describe("the user counter of a project stored before it existed", () => {
  it("starts from the stored users once, even when two instances start together", async () => {
    const projectId = `test-old-${randomUUID()}`;
    const seed = await startTestApp();
    await storeOldUsers(seed, projectId, 25);
    await seed.close();

    const [first, second] = await Promise.all([startTestApp({ projectId }), startTestApp({ projectId })]);
    try {
      expect(await counterStripes(first)).toEqual([{ stripe: 0, count: 25 }]);
      expect(await totalCount(first)).toBe(25);
      await first.execute(ADD, { id: uniqueId("after-start") });
      expect(await totalCount(second)).toBe(26);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }

    // A later start finds the counter and leaves it alone.
    const third = await startTestApp({ projectId });
    try {
      expect(await totalCount(third)).toBe(26);
      expect(await storedUsers(third)).toBe(26);
    } finally {
      await third.close();
    }
  });
});

describe("finishing interrupted deletions at start-up", () => {
  it("leaves, and keeps counting, a new user who took the userId of a deletion left half done", async () => {
    const t = await startTestApp();
    try {
      const userId = uniqueId("reused");
      await t.execute(ADD, { id: userId });
      const [added] = await t.cypher(`MATCH (u:User {projectId: $p, userId: $id}) RETURN u.uuid AS uuid`, { p: t.projectId, id: userId });
      await leaveTombstone(t, userId);
      await t.execute(ADD, { id: userId });
      const restarted = await startTestApp({ projectId: t.projectId });
      try {
        expect((await restarted.execute(`query($id: ID!) { user(userId: $id) { userId } }`, { id: userId })).data?.user).toEqual({ userId });
        const [old] = await t.cypher(`MATCH (n) WHERE n.groupId = $uuid RETURN count(n) AS n`, { uuid: added?.uuid });
        expect(old?.n).toBe(0);
        expect(await totalCount(restarted)).toBe(1);
        expect(await storedUsers(restarted)).toBe(1);
      } finally {
        await restarted.close();
      }
    } finally {
      await t.close();
    }
  });
});
