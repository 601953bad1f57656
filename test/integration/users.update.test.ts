import { type TestApp, errorCodes, startTestApp, uniqueId } from "../support/testApp";

const UPDATE = `
  mutation Update($id: ID!, $input: UpdateUserInput!) {
    updateUser(userId: $id, input: $input) {
      userId email firstName lastName metadata createdAt updatedAt
      node { name summary attributes }
    }
  }`;

describe("updateUser", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function addUser(input: Record<string, unknown>): Promise<Record<string, any>> {
    const result = await t.execute(
      `mutation($input: AddUserInput!) { addUser(input: $input) { userId createdAt updatedAt } }`,
      { input },
    );
    expect(result.errors).toBeUndefined();
    return result.data?.addUser;
  }

  it("changes only the given fields, clears explicit nulls, and moves updatedAt but not createdAt", async () => {
    const userId = uniqueId("upd");
    const added = await addUser({ userId, email: "a@example.com", firstName: "Ann", lastName: "Lee", metadata: { keep: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const result = await t.execute(UPDATE, { id: userId, input: { firstName: "Anna", lastName: null } });
    expect(result.errors).toBeUndefined();
    const user = result.data?.updateUser;
    expect(user).toMatchObject({ email: "a@example.com", firstName: "Anna", lastName: null, metadata: { keep: 1 } });
    expect(user.createdAt).toBe(added.createdAt);
    expect(Date.parse(user.updatedAt)).toBeGreaterThan(Date.parse(added.updatedAt));
    expect(user.node.name).toBe("Anna");
    expect(user.node.attributes).toEqual({ userId, email: "a@example.com", firstName: "Anna", lastName: null });
    expect(user.node.summary).toContain("Anna");
  });

  it("deep-merges metadata: nested keys merge, null removes a key, other values replace", async () => {
    const userId = uniqueId("meta");
    await addUser({ userId, metadata: { a: { b: 1, c: { d: 2 } }, list: [1, 2], gone: true, scalar: "s" } });
    const result = await t.execute(UPDATE, {
      id: userId,
      input: { metadata: { a: { c: { e: 3 }, f: 4 }, list: [3], gone: null, scalar: { now: "object" } } },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateUser.metadata).toEqual({
      a: { b: 1, c: { d: 2, e: 3 }, f: 4 },
      list: [3],
      scalar: { now: "object" },
    });
    const cleared = await t.execute(UPDATE, { id: userId, input: { metadata: null } });
    expect(cleared.data?.updateUser.metadata).toBeNull();
  });

  it("keeps all 20 keys of 20 parallel updates that each add a different metadata key", async () => {
    const userId = uniqueId("par");
    await addUser({ userId, metadata: { base: true } });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.execute(UPDATE, { id: userId, input: { metadata: { [`k${i}`]: i } } })),
    );
    expect(results.flatMap(errorCodes)).toEqual([]);
    const read = await t.execute(`query($id: ID!) { user(userId: $id) { metadata } }`, { id: userId });
    const expected: Record<string, unknown> = { base: true };
    for (let i = 0; i < 20; i += 1) expected[`k${i}`] = i;
    expect(read.data?.user.metadata).toEqual(expected);
  });

  it("fails with NOT_FOUND for an unknown user", async () => {
    const result = await t.execute(UPDATE, { id: "no-such-user", input: { firstName: "X" } });
    expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
  });

  it("rejects a merge that would pass 64 KiB and leaves the user as it was", async () => {
    const userId = uniqueId("big");
    await addUser({ userId, metadata: { first: "x".repeat(40_000) } });
    const result = await t.execute(UPDATE, { id: userId, input: { firstName: "Changed", metadata: { second: "y".repeat(40_000) } } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    const read = await t.execute(`query($id: ID!) { user(userId: $id) { firstName metadata } }`, { id: userId });
    expect(read.data?.user.firstName).toBeNull();
    expect(Object.keys(read.data?.user.metadata)).toEqual(["first"]);
  });

  it("rejects invalid fields with BAD_USER_INPUT and changes nothing", async () => {
    const userId = uniqueId("inv");
    await addUser({ userId, email: "ok@example.com" });
    const result = await t.execute(UPDATE, { id: userId, input: { email: "broken" } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    const read = await t.execute(`query($id: ID!) { user(userId: $id) { email } }`, { id: userId });
    expect(read.data?.user.email).toBe("ok@example.com");
  });
});
