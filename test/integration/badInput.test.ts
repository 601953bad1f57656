import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// Client mistakes that used to reach the client as INTERNAL_SERVER_ERROR or HTTP 500: each now gets a 4xx and
// a code the client can act on, on both doors, and writes nothing.

/** Metadata nested `levels` deep, as JSON text: too deep for JSON.stringify here to write it. */
function nested(levels: number): RawJson {
  return new RawJson(`${'{"inner":'.repeat(levels - 1)}{"leaf":true}${"}".repeat(levels - 1)}`);
}

class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a body whose values may be RawJson, spliced in as they are. */
function bodyText(body: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(body, (_key, value: unknown) => {
    if (!(value instanceof RawJson)) return value;
    raws.push(value.text);
    return `@@raw${raws.length - 1}@@`;
  });
  return text.replace(/"@@raw(\d+)@@"/g, (_match, index: string) => raws[Number(index)] as string);
}

describe("bad input answers 4xx with a useful code, never INTERNAL_SERVER_ERROR", () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp();
    base = `http://127.0.0.1:${await t.app.server.listen(0)}`;
  });
  afterAll(() => t.close());

  async function graphql(body: unknown) {
    const response = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: bodyText(body) });
    return { status: response.status, body: (await response.json()) as any };
  }

  async function rest(method: string, path: string, body?: unknown) {
    const response = await fetch(`${base}/api/v2${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : bodyText(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  async function storedUsers(userId: string): Promise<number> {
    const [row] = await t.cypher(`MATCH (u:User {projectId: $p, userId: $id}) RETURN count(u) AS n`, { p: t.projectId, id: userId });
    return Number(row?.n);
  }

  it("a GraphQL syntax error is 400 GRAPHQL_PARSE_FAILED", async () => {
    const answer = await graphql({ query: "{ user(userId: " });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("a document over 5,000 tokens is 400 GRAPHQL_PARSE_FAILED, naming the limit", async () => {
    const answer = await graphql({ query: `{ ${"__typename ".repeat(5001)}}` });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(answer.body.errors[0].message).toMatch(/5000 tokens/);
  });

  it("a subscription is refused by name with GRAPHQL_VALIDATION_FAILED", async () => {
    const answer = await graphql({ query: `subscription { user(userId: "x") { userId } }` });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error: any) => error.extensions.code)).toContain("GRAPHQL_VALIDATION_FAILED");
    expect(answer.body.errors.map((error: any) => error.message).join(" ")).toMatch(/subscriptions are not supported/);
  });

  it.each([
    ["an empty object", {}],
    ["a missing key", { __typename: "User" }],
    ["a null key", { __typename: "User", userId: null }],
    ["a numeric key", { __typename: "Thread", threadId: 7 }],
    ["an unknown __typename", { __typename: "Invoice", userId: "u" }],
    ["a __proto__ __typename", { __typename: "__proto__", userId: "u" }],
    ["a string", "User:u"],
  ])("an _entities representation that is %s is BAD_USER_INPUT", async (_name, representation) => {
    const answer = await graphql({
      query: `query($r: [_Any!]!) { _entities(representations: $r) { __typename } }`,
      variables: { r: [{ __typename: "User", userId: "fine" }, representation] },
    });
    expect(answer.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(answer.body.errors[0].message).toMatch(/^representations\[1\]/);
  });

  it.each([
    ["addUser", "metadata"],
    ["createThread", "metadata"],
  ])("%s with metadata nested 5,000 levels is BAD_USER_INPUT naming the depth limit, and writes nothing", async (mutation) => {
    const userId = uniqueId("deep");
    const query =
      mutation === "addUser"
        ? `mutation($m: JSONObject) { addUser(input: { userId: "${userId}", metadata: $m }) { userId } }`
        : `mutation($m: JSONObject) { createThread(input: { threadId: "${userId}", userId: "${userId}", metadata: $m }) { threadId } }`;
    const answer = await graphql({ query, variables: { m: nested(5000) } });
    expect(answer.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(answer.body.errors[0].message).toMatch(/nested more than 32 levels/);
    expect(await storedUsers(userId)).toBe(0);
  });

  it("metadata nested exactly 32 levels is accepted, 33 refused", async () => {
    const accepted = uniqueId("deep32");
    const ok = await graphql({ query: `mutation($m: JSONObject) { addUser(input: { userId: "${accepted}", metadata: $m }) { userId } }`, variables: { m: nested(32) } });
    expect(ok.body.errors).toBeUndefined();
    const refused = await graphql({ query: `mutation($m: JSONObject) { updateUser(userId: "${accepted}", input: { metadata: $m }) { userId } }`, variables: { m: nested(33) } });
    expect(refused.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("over REST, deep metadata in user.add, user.update and thread.addMessages answers 400 with Zep's {message}", async () => {
    const userId = uniqueId("rest-deep");
    expect((await rest("POST", "/users", { user_id: userId, metadata: nested(5000) })).status).toBe(400);
    expect(await storedUsers(userId)).toBe(0);
    expect((await rest("POST", "/users", { user_id: userId })).status).toBe(201);
    const update = await rest("PATCH", `/users/${userId}`, { metadata: nested(5000) });
    expect(update).toEqual({ status: 400, body: { message: expect.stringMatching(/nested more than 32 levels/) } });
    const threadId = uniqueId("rest-deep-thread");
    expect((await rest("POST", "/threads", { thread_id: threadId, user_id: userId })).status).toBe(201);
    const add = await rest("POST", `/threads/${threadId}/messages`, { messages: [{ role: "user", content: "hi", metadata: nested(5000) }] });
    expect(add.status).toBe(400);
    expect(add.body.message).toMatch(/messages\[0\]\.metadata is nested more than 32 levels/);
  });

  it.each(["%ZZ", "%", "%C0%AE"])("a REST path with broken percent-encoding (%s) answers 400 with {message}", async (bad) => {
    const response = await fetch(`${base}/api/v2/users/${bad}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: "the request path is not valid percent-encoding" });
  });
});
