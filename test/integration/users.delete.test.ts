import { type TestApp, errorCodes, startTestApp, uniqueId } from "../support/testApp";
import { leaveTombstone } from "../support/deletion";

const DELETE = `mutation($id: ID!) { deleteUser(userId: $id) { userId message deletedThreads deletedMessages deletedFacts deletedNodes } }`;

describe("deleteUser", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function addUser(userId: string): Promise<string> {
    const result = await t.execute(`mutation($id: ID!) { addUser(input: { userId: $id, email: "${userId}@example.com" }) { uuid } }`, { id: userId });
    return result.data?.addUser.uuid;
  }

  it("removes the user and the user node, returns the counts, and leaves nothing of the user's world", async () => {
    const userId = uniqueId("del");
    const neighbour = uniqueId("keep");
    const uuid = await addUser(userId);
    await addUser(neighbour);
    const result = await t.execute(DELETE, { id: userId });
    expect(result.errors).toBeUndefined();
    expect(result.data?.deleteUser).toMatchObject({ userId, deletedThreads: 0, deletedMessages: 0, deletedFacts: 0, deletedNodes: 1 });
    const [left] = await t.cypher(`MATCH (n) WHERE n.groupId = $uuid OR n.userId = $userId RETURN count(n) AS n`, { uuid, userId });
    expect(left?.n).toBe(0);
    const read = await t.execute(`query($id: ID!) { user(userId: $id) { userId } }`, { id: userId });
    expect(read.data?.user).toBeNull();
    const kept = await t.execute(`query($id: ID!) { user(userId: $id) { userId node { name } } }`, { id: neighbour });
    expect(kept.data?.user).toEqual({ userId: neighbour, node: { name: `${neighbour}@example.com` } });
  });

  it("fails with NOT_FOUND for an unknown user, and for a second delete", async () => {
    const userId = uniqueId("twice");
    await addUser(userId);
    await t.execute(DELETE, { id: userId });
    expect(errorCodes(await t.execute(DELETE, { id: userId }))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await t.execute(DELETE, { id: "never-existed" }))).toEqual(["NOT_FOUND"]);
  });

  it("frees the userId for a new user at once", async () => {
    const userId = uniqueId("reuse");
    const first = await addUser(userId);
    await t.execute(DELETE, { id: userId });
    const second = await addUser(userId);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it("finishes a deletion that was interrupted after the user was hidden", async () => {
    const userId = uniqueId("interrupted");
    const uuid = await addUser(userId);
    // What the first transaction of deleteUser leaves if the process dies right after it.
    await leaveTombstone(t, userId);
    expect((await t.execute(`query($id: ID!) { user(userId: $id) { userId } }`, { id: userId })).data?.user).toBeNull();
    const result = await t.execute(DELETE, { id: userId });
    expect(result.data?.deleteUser).toMatchObject({ userId, deletedNodes: 1 });
    const [left] = await t.cypher(`MATCH (n) WHERE n.groupId = $uuid RETURN count(n) AS n`, { uuid });
    expect(left?.n).toBe(0);
  });

  it("finishes interrupted deletions at start-up", async () => {
    const userId = uniqueId("startup");
    const uuid = await addUser(userId);
    await leaveTombstone(t, userId);
    const restarted = await startTestApp({ projectId: t.projectId });
    try {
      const [left] = await t.cypher(`MATCH (n) WHERE n.groupId = $uuid RETURN count(n) AS n`, { uuid });
      expect(left?.n).toBe(0);
    } finally {
      await restarted.close();
    }
  });
});
