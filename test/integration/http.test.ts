import { type TestApp, startTestApp, uniqueId } from "../support/testApp";
import { withUnreachableNeo4j } from "../support/unreachable";

describe("over HTTP", () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp();
    const port = await t.app.server.listen(0);
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => t.close());

  async function post(query: string, variables: Record<string, unknown> = {}, operationName?: string) {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it("serves addUser and user through POST /graphql", async () => {
    const userId = uniqueId("http");
    const added = await post(
      `mutation AddOverHttp($id: ID!) { addUser(input: { userId: $id, firstName: "Hal" }) { userId createdAt node { name } } }`,
      { id: userId },
      "AddOverHttp",
    );
    expect(added.status).toBe(200);
    expect(added.body.data.addUser).toMatchObject({ userId, node: { name: "Hal" } });
    expect(added.body.data.addUser.createdAt).toMatch(/\.\d{3}Z$/);
    const read = await post(`query($id: ID!) { user(userId: $id) { firstName } }`, { id: userId });
    expect(read.body.data.user).toEqual({ firstName: "Hal" });
  });

  it("answers errors with extensions.code over HTTP", async () => {
    const result = await post(`mutation { addUser(input: { userId: "" }) { userId } }`);
    expect(result.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(result.body.errors[0].extensions.stacktrace).toBeUndefined();
  });

  it("shows Apollo Sandbox on GET /graphql outside production", async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect((await response.text()).toLowerCase()).toContain("sandbox");
  });

  it("answers the health probes", async () => {
    const live = await fetch(`${base}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ neo4j: true });
  });

  it("exposes Prometheus metrics: statements by Cypher file and request duration by operation", async () => {
    await post(`query MetricsProbe { usersOrdered { rowCount } }`, {}, "MetricsProbe");
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(/usergraph_cypher_queries_total\{query="user\.list-ordered"\} [1-9]/);
    expect(text).toMatch(/usergraph_graphql_request_duration_seconds_count\{operation="MetricsProbe"\} 1/);
  });

  it("refuses abusive documents (too many aliases, too many tokens) before they run", async () => {
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: user(userId: "x") { userId }`).join(" ")} }`;
    expect((await post(aliases)).body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const tokens = `{ ${Array.from({ length: 3000 }, () => "__typename").join(" ")} }`;
    const refused = await post(tokens);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.length).toBeGreaterThan(0);
    const fine = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    expect((await post(fine)).body.data.a19).toBe("Query");
  });
});

describe("when Neo4j cannot be reached", () => {
  it("answers SERVICE_UNAVAILABLE and reports not ready", () =>
    withUnreachableNeo4j(async (server, db) => {
      const response = await server.apollo.executeOperation(
        { query: `{ user(userId: "x") { userId } }` },
        { contextValue: server.context() },
      );
      const body = response.body.kind === "single" ? response.body.singleResult : null;
      expect(body?.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
      expect(body?.errors?.[0]?.message).not.toContain("127.0.0.1");
      expect(await db.ping()).toBe(false);
    }));
});
