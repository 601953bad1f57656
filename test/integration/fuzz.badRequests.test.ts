import fc from "fast-check";
import { REST_ROUTES } from "../../src/rest";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// Thousands of generated malformed requests over both doors. Whatever a client sends, the answer is a
// client error or a success in the door's own JSON, never a 5xx, an INTERNAL_SERVER_ERROR, HTML or a stack;
// the process keeps serving; and whatever was refused left no half-written world behind.

const RUNS_PER_DOOR = 1000;

// Two thousand HTTP round trips take a while on a busy machine; the runs are bounded by count, not time.
jest.setTimeout(900_000);

const junkText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("", " ", "%", "%ZZ", "\u0000", "__proto__", "constructor", "x".repeat(600), "😀".repeat(300), "{", "]", "\\", "'\""),
);
const junkValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    junkText,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(junkText, fc.constantFrom("user_id", "thread_id", "messages", "metadata", "role", "content")), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** A path of a served route with each parameter replaced by junk, or a route nobody serves. */
const restRequest = fc.record({
  route: fc.constantFrom(...REST_ROUTES),
  params: fc.array(junkText, { minLength: 3, maxLength: 3 }),
  method: fc.option(fc.constantFrom("GET", "POST", "PATCH", "DELETE", "PUT"), { nil: undefined }),
  query: fc.option(fc.dictionary(fc.constantFrom("limit", "lastn", "cursor", "pageNumber", "pageSize", "order_by", "asc", "search", "page_size"), junkText), { nil: undefined }),
  body: fc.oneof(junkValue, fc.constant(undefined)),
  rawBody: fc.option(fc.constantFrom("{", "[1,", "null", "\"text\"", "{\"user_id\":", "\u0000"), { nil: undefined }),
});

const operations = [
  `query($id: ID!) { user(userId: $id) { userId threads(first: 2) { totalCount edges { node { threadId } } } } }`,
  `query($n: Int, $s: Int, $q: String) { usersOrdered(pageNumber: $n, pageSize: $s, search: $q) { totalCount users { userId } } }`,
  `query($f: Int, $a: String, $l: Int, $b: String) { users(first: $f, after: $a, last: $l, before: $b) { edges { cursor } } }`,
  `mutation($i: AddUserInput!) { addUser(input: $i) { userId } }`,
  `mutation($id: ID!, $i: UpdateUserInput!) { updateUser(userId: $id, input: $i) { userId } }`,
  `mutation($t: ID!, $m: [MessageInput!]!) { addMessages(threadId: $t, messages: $m) { messageUuids } }`,
  `mutation($i: CreateThreadInput!) { createThread(input: $i) { threadId } }`,
  `mutation($id: ID!, $i: FactTripleInput!) { addFactTriple(userId: $id, input: $i) { uuid } }`,
  `query($id: ID!, $q: String!, $l: Int) { searchGraph(userId: $id, query: $q, limit: $l) { edges { uuid } } }`,
  `query($r: [_Any!]!) { _entities(representations: $r) { __typename } }`,
];

const graphqlRequest = fc.record({
  query: fc.oneof(fc.constantFrom(...operations), junkText, fc.constantFrom(...operations).chain((op) => fc.integer({ min: 0, max: op.length }).map((cut) => op.slice(0, cut)))),
  variables: fc.dictionary(fc.constantFrom("id", "n", "s", "q", "f", "a", "l", "b", "i", "t", "m", "r"), junkValue, { maxKeys: 4 }),
  operationName: fc.option(junkText, { nil: undefined }),
});

describe("generated malformed requests", () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp();
    base = `http://127.0.0.1:${await t.app.server.listen(0)}`;
    // Something for the ids to hit: a user with a thread, whose ids the generators may or may not guess.
    await t.execute(`mutation { addUser(input: { userId: "${uniqueId("fuzz")}" }) { userId } }`);
  });
  afterAll(() => t.close());

  function expectCleanAnswer(status: number, type: string, text: string, request: string) {
    const where = `${status} for ${request.slice(0, 300)}: ${text.slice(0, 300)}`;
    if (status >= 500) throw new Error(`server error ${where}`);
    if (!/application\/json/.test(type)) throw new Error(`not JSON (${type}) ${where}`);
    if (/INTERNAL_SERVER_ERROR|<html|<pre|node_modules|\.ts:\d+/i.test(text)) throw new Error(`internals leaked ${where}`);
    JSON.parse(text);
  }

  it(`answers ${RUNS_PER_DOOR} REST requests with 4xx or success JSON, never 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(restRequest, async ({ route, params, method, query, body, rawBody }) => {
        let index = 0;
        const path = route.path.replace(/:[A-Za-z]+/g, () => encodeURIComponent(params[index++] ?? ""));
        const search = query ? `?${new URLSearchParams(query as Record<string, string>).toString()}` : "";
        const verb = method ?? route.method;
        const hasBody = verb !== "GET" && (rawBody !== undefined || body !== undefined);
        const response = await fetch(`${base}/api/v2${path}${search}`, {
          method: verb,
          headers: { "content-type": "application/json" },
          body: hasBody ? (rawBody ?? JSON.stringify(body)) : undefined,
        });
        expectCleanAnswer(response.status, response.headers.get("content-type") ?? "", await response.text(), `${verb} ${path}${search}`);
      }),
      { numRuns: RUNS_PER_DOOR },
    );
  });

  it(`answers ${RUNS_PER_DOOR} GraphQL requests with 4xx or success JSON, never 5xx or INTERNAL_SERVER_ERROR`, async () => {
    await fc.assert(
      fc.asyncProperty(graphqlRequest, async (request) => {
        const body = JSON.stringify(request);
        const response = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body });
        expectCleanAnswer(response.status, response.headers.get("content-type") ?? "", await response.text(), body);
      }),
      { numRuns: RUNS_PER_DOOR },
    );
  });

  it("is still serving, and left no half-written world: every thread has its user, every message its thread, every user one node", async () => {
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    const [row] = await t.cypher(
      `MATCH (n {projectId: $p})
       RETURN
         count { MATCH (x:Thread {projectId: $p}) WHERE NOT EXISTS { (:User)-[:HAS_THREAD]->(x) } } AS orphanThreads,
         count { MATCH (m:Message {projectId: $p}) WHERE NOT EXISTS { (:Thread)-[:HAS_MESSAGE]->(m) } } AS orphanMessages,
         count { MATCH (u:User {projectId: $p}) WHERE count { (u)-[:HAS_NODE]->(:Entity) } <> 1 } AS usersWithoutOneNode,
         count { MATCH (m:Message {projectId: $p}) WHERE NOT EXISTS { (:Episodic {messageUuid: m.uuid}) } } AS messagesWithoutEpisode
       LIMIT 1`,
      { p: t.projectId },
    );
    expect(row).toEqual({ orphanThreads: 0, orphanMessages: 0, usersWithoutOneNode: 0, messagesWithoutEpisode: 0 });
  });
});
