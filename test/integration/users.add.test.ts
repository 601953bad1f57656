import { type TestApp, errorCodes, startTestApp, uniqueId } from "../support/testApp";

const ADD_USER = `
  mutation Add($input: AddUserInput!) {
    addUser(input: $input) {
      userId uuid projectId email firstName lastName metadata createdAt updatedAt
      node { uuid name summary labels attributes createdAt }
    }
  }`;

describe("addUser", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("creates the user and the user's graph node, with the fields as given", async () => {
    const userId = uniqueId("jane");
    const result = await t.execute(ADD_USER, {
      input: { userId: `  ${userId}  `, email: "jane@example.com", firstName: "Jane", lastName: "Smith", metadata: { plan: "pro", prefs: { theme: "dark" } } },
    });
    expect(result.errors).toBeUndefined();
    const user = result.data?.addUser;
    expect(user).toMatchObject({
      userId,
      projectId: t.projectId,
      email: "jane@example.com",
      firstName: "Jane",
      lastName: "Smith",
      metadata: { plan: "pro", prefs: { theme: "dark" } },
    });
    expect(user.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(user.updatedAt).toBe(user.createdAt);
    expect(user.node).toMatchObject({
      name: "Jane Smith",
      labels: ["Entity", "User"],
      attributes: { userId, email: "jane@example.com", firstName: "Jane", lastName: "Smith" },
    });
    expect(user.node.summary).toContain("Jane Smith");
    expect(user.node.summary).toContain("jane@example.com");

    const stored = await t.cypher(
      `MATCH (u:User {projectId: $projectId, userId: $userId})-[:HAS_NODE]->(n:Entity)
       RETURN u.uuid AS uuid, n.uuid AS nodeUuid, n.groupId AS groupId, n.projectId AS projectId`,
      { projectId: t.projectId, userId },
    );
    expect(stored).toEqual([{ uuid: user.uuid, nodeUuid: user.node.uuid, groupId: user.uuid, projectId: t.projectId }]);
  });

  it("names the user node by email, then by userId, when names are missing", async () => {
    const byEmail = await t.execute(ADD_USER, { input: { userId: uniqueId("e"), email: "only@example.com" } });
    expect(byEmail.data?.addUser.node.name).toBe("only@example.com");
    const userId = uniqueId("bare");
    const bare = await t.execute(ADD_USER, { input: { userId } });
    expect(bare.data?.addUser.node.name).toBe(userId);
    expect(bare.data?.addUser.metadata).toBeNull();
  });

  it("rejects a duplicate userId with USER_ALREADY_EXISTS and Zep's message", async () => {
    const userId = uniqueId("dup");
    await t.execute(ADD_USER, { input: { userId } });
    const again = await t.execute(ADD_USER, { input: { userId, email: "x@example.com" } });
    expect(errorCodes(again)).toEqual(["USER_ALREADY_EXISTS"]);
    expect(again.errors?.[0]?.message).toBe(`user already exists with user_id: ${userId}`);
  });

  it("lets exactly one of 20 parallel adds of one userId succeed, leaving one user and one node", async () => {
    const userId = uniqueId("race");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.execute(ADD_USER, { input: { userId, firstName: `N${i}` } })),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.flatMap(errorCodes).filter((c) => c === "USER_ALREADY_EXISTS").length).toBe(19);
    const [row] = await t.cypher(
      `MATCH (u:User {projectId: $projectId, userId: $userId})
       RETURN count(u) AS users, COUNT { (u)-[:HAS_NODE]->(:Entity) } AS nodes`,
      { projectId: t.projectId, userId },
    );
    expect(row).toEqual({ users: 1, nodes: 1 });
    const [entities] = await t.cypher(
      `MATCH (u:User {projectId: $projectId, userId: $userId}) MATCH (n:Entity {groupId: u.uuid}) RETURN count(n) AS n`,
      { projectId: t.projectId, userId },
    );
    expect(entities?.n).toBe(1);
  });

  it.each([
    ["a blank userId", { userId: "   " }, "userId"],
    ["a userId of 501 characters", { userId: "u".repeat(501) }, "userId"],
    ["an invalid email", { userId: "x", email: "not-an-email" }, "email"],
    ["a firstName of 201 characters", { userId: "x", firstName: "f".repeat(201) }, "firstName"],
    ["a lastName of 201 characters", { userId: "x", lastName: "l".repeat(201) }, "lastName"],
    ["metadata over 64 KiB", { userId: "x", metadata: { blob: "b".repeat(64 * 1024) } }, "metadata"],
  ])("rejects %s with BAD_USER_INPUT and writes nothing", async (_label, input, field) => {
    const before = await t.cypher(`MATCH (n {projectId: $projectId}) RETURN count(n) AS n`, { projectId: t.projectId });
    const result = await t.execute(ADD_USER, { input });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.message).toContain(field);
    const after = await t.cypher(`MATCH (n {projectId: $projectId}) RETURN count(n) AS n`, { projectId: t.projectId });
    expect(after).toEqual(before);
  });

  it("accepts the limits at their edges: a 500-character userId and 200-character names", async () => {
    const userId = `${uniqueId("edge")}`.padEnd(500, "x");
    const result = await t.execute(ADD_USER, {
      input: { userId, firstName: "f".repeat(200), lastName: "l".repeat(200) },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.addUser.userId).toHaveLength(500);
  });

  it("rejects metadata that is not an object as BAD_USER_INPUT", async () => {
    const result = await t.execute(ADD_USER, { input: { userId: uniqueId("m"), metadata: [1, 2] } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
  });
});
