import { type TestApp, errorCodes, startTestApp, uniqueId } from "../support/testApp";

describe("user and _entities", () => {
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

  it("user returns the user, or null for an unknown userId", async () => {
    const userId = uniqueId("read");
    await t.execute(`mutation($id: ID!) { addUser(input: { userId: $id, email: "r@example.com" }) { uuid } }`, { id: userId });
    const found = await t.execute(`query($id: ID!) { user(userId: $id) { userId email node { name } } }`, { id: userId });
    expect(found.data?.user).toEqual({ userId, email: "r@example.com", node: { name: "r@example.com" } });
    const missing = await t.execute(`query { user(userId: "nobody-here") { userId } }`);
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.user).toBeNull();
  });

  it("keeps each project's users apart", async () => {
    const userId = uniqueId("iso");
    await t.execute(`mutation($id: ID!) { addUser(input: { userId: $id }) { uuid } }`, { id: userId });
    const fromOther = await other.execute(`query($id: ID!) { user(userId: $id) { userId } }`, { id: userId });
    expect(fromOther.data?.user).toBeNull();
    const addInOther = await other.execute(`mutation($id: ID!) { addUser(input: { userId: $id }) { projectId } }`, { id: userId });
    expect(addInOther.data?.addUser.projectId).toBe(other.projectId);
  });

  it("_entities resolves 100 representations with one statement, in input order, null for unknown keys", async () => {
    const ids = Array.from({ length: 50 }, (_, i) => uniqueId(`ent${i}`));
    for (const chunk of [ids.slice(0, 25), ids.slice(25)]) {
      await Promise.all(chunk.map((id) => t.execute(`mutation($id: ID!) { addUser(input: { userId: $id }) { uuid } }`, { id })));
    }
    const representations = ids.flatMap((id, i) => [
      { __typename: "User", userId: id },
      { __typename: "User", userId: `missing-${i}` },
    ]);
    const { result, byQuery } = await t.countStatements(() =>
      t.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ... on User { userId } } }`, { r: representations }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual(representations.map((r, i) => (i % 2 === 0 ? { userId: r.userId } : null)));
    expect(byQuery).toEqual({ "user.get-by-ids": 1 });
  });

  it("_entities returns null for a user of another project", async () => {
    const userId = uniqueId("proj");
    await other.execute(`mutation($id: ID!) { addUser(input: { userId: $id }) { uuid } }`, { id: userId });
    const result = await t.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ... on User { userId } } }`, {
      r: [{ __typename: "User", userId }],
    });
    expect(result.data?._entities).toEqual([null]);
  });

  it("serves its SDL through _service", async () => {
    const result = await t.execute(`{ _service { sdl } }`);
    expect(result.data?._service.sdl).toMatch(/type User\s+@key\(fields: "userId"\)/);
  });

  it("a blank userId in user() is BAD_USER_INPUT", async () => {
    expect(errorCodes(await t.execute(`{ user(userId: " ") { userId } }`))).toEqual(["BAD_USER_INPUT"]);
  });
});
