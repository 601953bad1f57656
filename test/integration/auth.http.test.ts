import { UnsecuredJWT } from "jose";
import { ApiKeyStore } from "../../src/db/apiKeys";
import { type Answer, httpClient, serve } from "../support/http";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";
import { type TokenIssuer, createTokenIssuer } from "../support/tokens";

// What the HTTP doors let in and how much: credentials (401 for anything not right, in every mode; no
// credentials at all only outside production), CORS, the rate limit, the GraphQL cost limit, and what
// production keeps to itself (introspection, suggestions).

const ISSUER = "https://id.usergraph.test/";
const AUDIENCE = "usergraph-test";
const ALLOWED_ORIGIN = "https://app.example.com";

async function waitFor(probe: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - started;
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function expectUnauthenticated(graphql: Answer, rest: Answer): void {
  expect(graphql.status).toBe(401);
  expect(graphql.body).toEqual({ errors: [{ message: "invalid credentials", extensions: { code: "UNAUTHENTICATED" } }] });
  expect(rest.status).toBe(401);
  expect(rest.body).toEqual({ message: "invalid credentials" });
}

describe("in production", () => {
  let t: TestApp;
  let origin: string;
  let issuer: TokenIssuer;
  const claims = () => ({ iss: ISSUER, aud: AUDIENCE, sub: "pat", project_id: t.projectId });

  beforeAll(async () => {
    issuer = await createTokenIssuer();
    t = await startTestApp({
      nodeEnv: "production",
      access: {
        corsOrigins: [ALLOWED_ORIGIN],
        jwt: { key: { publicKeyPem: issuer.publicKeyPem }, issuer: ISSUER, audience: AUDIENCE, projectClaim: "project_id", userClaim: "sub" },
      },
    });
    origin = await serve(t);
  });
  afterAll(() => t?.close());

  it("answers a request without credentials 401 on both doors, and lets the project's key in", async () => {
    const anonymous = httpClient(origin);
    const graphql = await anonymous.graphql(`{ __typename }`);
    expect(graphql.status).toBe(401);
    expect(graphql.body.errors).toEqual([
      { message: "credentials required: send Authorization: Api-Key <key> or Bearer <token>", extensions: { code: "UNAUTHENTICATED" } },
    ]);
    expect((await anonymous.rest("GET", "/users/x")).status).toBe(401);
    const withKey = httpClient(origin, `Api-Key ${await t.newApiKey()}`);
    expect((await withKey.graphql(`{ __typename }`)).body).toEqual({ data: { __typename: "Query" } });
    expect((await withKey.rest("GET", "/users/x")).status).toBe(404);
  });

  it.each([
    ["an expired token", () => issuer.sign({ ...claims(), exp: Math.floor(Date.now() / 1000) - 60 })],
    ["a token not valid yet", () => issuer.sign({ ...claims(), nbf: Math.floor(Date.now() / 1000) + 120 })],
    ["a token for another audience", () => issuer.sign({ ...claims(), aud: "someone-else" })],
    ["a token from another issuer", () => issuer.sign({ ...claims(), iss: "https://elsewhere.test/" })],
    ["a token without exp", () => issuer.sign({ ...claims(), exp: undefined })],
    ["a token without the project claim", () => issuer.sign({ ...claims(), project_id: undefined })],
    ["a token signed by another key", async () => (await createTokenIssuer()).sign(claims())],
    ["an unsigned token (alg none)", () => Promise.resolve(new UnsecuredJWT(claims()).setExpirationTime("1m").encode())],
    ["a token that is no JWT", () => Promise.resolve("not.a.jwt")],
  ])("answers 401 with no detail for %s", async (_what, token) => {
    const client = httpClient(origin, `Bearer ${await token()}`);
    expectUnauthenticated(await client.graphql(`{ __typename }`), await client.rest("GET", "/users/x"));
  });

  it.each(["Basic dXNlcjpwYXNz", "Api-Key", "Api-Key ugk_short", "Bearer", "ugk_no_scheme"])("answers 401 for Authorization: %s", async (authorization) => {
    const client = httpClient(origin, authorization);
    expectUnauthenticated(await client.graphql(`{ __typename }`), await client.rest("GET", "/users/x"));
  });

  it("lets a valid end-user token in", async () => {
    const client = httpClient(origin, `Bearer ${await issuer.sign(claims())}`);
    expect((await client.graphql(`{ user(userId: "pat") { userId } }`)).body).toEqual({ data: { user: null } });
  });

  it("stops a revoked key within 5 seconds on both doors", async () => {
    const key = await t.newApiKey();
    const client = httpClient(origin, `Api-Key ${key}`);
    expect((await client.rest("GET", "/users/x")).status).toBe(404);
    const keyId = key.split("_")[1] ?? "";
    expect(await new ApiKeyStore(t.app.db).revoke(keyId)).toMatchObject({ keyId, projectId: t.projectId });
    await waitFor(async () => (await client.rest("GET", "/users/x")).status === 401, 5_000);
    expectUnauthenticated(await client.graphql(`{ __typename }`), await client.rest("GET", "/users/x"));
  });

  it("keeps introspection off and suggests no field, type or enum value", async () => {
    const client = httpClient(origin, `Api-Key ${await t.newApiKey()}`);
    const introspection = await client.graphql(`{ __schema { queryType { name } } }`);
    expect(introspection.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const mistakes = [
      [`{ usr(userId: "x") { userId } }`, {}],
      [`mutation { addMessages(threadId: "x", messages: [{ role: USR, content: "x" }]) { messageUuids } }`, {}],
      [`mutation($r: RoleType!) { addMessages(threadId: "x", messages: [{ role: $r, content: "x" }]) { messageUuids } }`, { r: "USR" }],
      [`{ user(userId: "x") { ... on Usr { userId } } }`, {}],
    ] as const;
    for (const [query, variables] of mistakes) {
      const answer = await client.graphql(query, variables);
      expect(answer.body.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(answer.body)).not.toMatch(/Did you mean|"USER"|"User"|"users"/);
    }
  });

  it("answers CORS preflights from the listed origins only", async () => {
    const preflight = (origin_: string, path: string) =>
      fetch(`${origin}${path}`, {
        method: "OPTIONS",
        headers: { origin: origin_, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type,apollo-require-preflight" },
      });
    for (const path of ["/graphql", "/api/v2/users"]) {
      const allowed = await preflight(ALLOWED_ORIGIN, path);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
      expect(allowed.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
      expect(allowed.headers.get("access-control-allow-headers")).toContain("apollo-require-preflight");
      expect(allowed.headers.get("access-control-allow-headers")).toContain("Idempotency-Key");
      const refused = await preflight("https://evil.example.com", path);
      expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    }
  });
});

describe("outside production", () => {
  let t: TestApp;
  let origin: string;
  beforeAll(async () => {
    t = await startTestApp({ access: { rateLimitPerMinute: 3 } });
    origin = await serve(t);
  });
  afterAll(() => t?.close());

  it("suggests what a client may have meant, as graphql-js does", async () => {
    const answer = await httpClient(origin).graphql(`mutation { addMessages(threadId: "x", messages: [{ role: USR, content: "x" }]) { messageUuids } }`);
    expect(answer.body.errors?.[0]?.message).toContain('Did you mean the enum value "USER"?');
  });

  it("answers CORS preflights from any origin", async () => {
    const response = await fetch(`${origin}/graphql`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("answers 429 with Retry-After once a key's bucket is empty, on both doors, and keeps other keys' buckets", async () => {
    const key = httpClient(origin, `Api-Key ${await t.newApiKey()}`);
    for (let i = 0; i < 3; i += 1) expect((await key.graphql(`{ __typename }`)).status).toBe(200);
    const graphql = await key.graphql(`{ __typename }`);
    expect(graphql.status).toBe(429);
    expect(Number(graphql.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(graphql.body.errors).toEqual([
      { message: expect.stringMatching(/^too many requests; try again in \d+ s$/), extensions: { code: "RATE_LIMITED", retryAfter: Number(graphql.headers.get("retry-after")) } },
    ]);
    const rest = await key.rest("GET", "/users/x");
    expect(rest.status).toBe(429);
    expect(Number(rest.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(rest.body).toEqual({ message: expect.stringMatching(/^too many requests/) });
    const otherKey = httpClient(origin, `Api-Key ${await t.newApiKey()}`);
    expect((await otherKey.graphql(`{ __typename }`)).status).toBe(200);
  });

  it("counts failed credentials against the client's address", async () => {
    const guesser = httpClient(origin, `Api-Key ugk_${"A".repeat(12)}_${"b".repeat(43)}`);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await guesser.rest("GET", "/users/x")).status);
    expect(statuses.slice(-1)).toEqual([429]);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(3);
  });
});

describe("the GraphQL cost limit", () => {
  let t: TestApp;
  let origin: string;
  beforeAll(async () => {
    t = await startTestApp();
    origin = await serve(t);
  });
  afterAll(() => t?.close());

  it("refuses 30 aliased usersOrdered(pageSize: 1000) before any of it runs, naming the cost and the limit", async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `u${i}: usersOrdered(pageSize: 1000) { users { userId email metadata } }`);
    const { result: answer, byQuery } = await t.countStatements(() => httpClient(origin).graphql(`{ ${aliases.join(" ")} }`));
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([
      {
        message: expect.stringMatching(/estimated cost is 30150, above the limit of 10000/),
        extensions: { code: "BAD_USER_INPUT", cost: 30150, maxCost: 10000 },
      },
    ]);
    expect(byQuery).toEqual({});
  });

  it("counts page sizes given in variables", async () => {
    const query = `query($n: Int) { users(first: $n) { edges { node { threads(first: $n) { edges { node { threadId } } } } } } }`;
    expect((await t.execute(query, { n: 100 })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await t.execute(query, { n: 10 })).errors).toBeUndefined();
  });

  it("lets the README's walkthrough through", async () => {
    const userId = uniqueId("jane");
    const client = httpClient(origin);
    expect((await client.graphql(`mutation($u: ID!) { addUser(input: { userId: $u, email: "jane@example.com" }) { userId } }`, { u: userId })).body.errors).toBeUndefined();
    const users = await client.graphql(`query Users {
      users(first: 10) {
        totalCount
        edges { cursor node { userId email threadCount node { summary }
          threads(first: 3) { edges { node { threadId messages(last: 2) { edges { node { role content } } } } } } } }
        pageInfo { hasNextPage endCursor }
      } }`);
    expect(users.body.errors).toBeUndefined();
  });
});
