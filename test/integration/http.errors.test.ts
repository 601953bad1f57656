import { gzipSync } from "node:zlib";
import { type TestApp, startTestApp } from "../support/testApp";

// A request the service cannot read is the client's mistake: a 4xx with JSON in the door's own form, in
// development (the default of npm start) as in production. Never Express's HTML page, never a stack.

describe("unreadable requests over HTTP", () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp();
    base = `http://127.0.0.1:${await t.app.server.listen(0)}`;
  });
  afterAll(() => t.close());

  async function send(path: string, init: RequestInit) {
    const response = await fetch(`${base}${path}`, init);
    const text = await response.text();
    return { status: response.status, type: response.headers.get("content-type") ?? "", text };
  }

  function expectNoInternals(text: string) {
    expect(text).not.toMatch(/<html|<pre|<!DOCTYPE/i);
    expect(text).not.toMatch(/ at [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+/);
  }

  const huge = JSON.stringify({ query: `{ __typename }`, variables: { pad: "x".repeat(2_100_000) } });
  const cases: [string, RequestInit, number, RegExp][] = [
    ["malformed JSON", { method: "POST", headers: { "content-type": "application/json" }, body: '{"query": ' }, 400, /not valid JSON/],
    ["a charset other than UTF-8", { method: "POST", headers: { "content-type": "application/json; charset=latin9" }, body: "{}" }, 415, /charset/],
    ["an unknown content encoding", { method: "POST", headers: { "content-type": "application/json", "content-encoding": "br-nonsense" }, body: "{}" }, 415, /encoding/],
    ["a body over 2 MB", { method: "POST", headers: { "content-type": "application/json" }, body: huge }, 413, /too large/],
    [
      "a gzip body that is not gzip",
      { method: "POST", headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: "not gzip at all" },
      400,
      /cannot be read|not valid/,
    ],
  ];

  it.each(cases)("POST /graphql with %s answers %i and a GraphQL error with code BAD_REQUEST", async (_name, init, status, message) => {
    const answer = await send("/graphql", init);
    expect(answer.status).toBe(status);
    expect(answer.type).toMatch(/application\/json/);
    expectNoInternals(answer.text);
    const body = JSON.parse(answer.text);
    expect(body.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(body.errors[0].message).toMatch(message);
  });

  it.each(cases)("POST /api/v2/users with %s answers %i and Zep's {message}", async (_name, init, status, message) => {
    const answer = await send("/api/v2/users", init);
    expect(answer.status).toBe(status);
    expectNoInternals(answer.text);
    expect(JSON.parse(answer.text)).toEqual({ message: expect.stringMatching(message) });
  });

  it("a real gzip body is read", async () => {
    const answer = await send("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: gzipSync(JSON.stringify({ query: "{ __typename }" })),
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { __typename: "Query" } });
  });

  it("an unknown route answers 404 with JSON", async () => {
    const answer = await send("/nowhere", { method: "GET" });
    expect(answer.status).toBe(404);
    expectNoInternals(answer.text);
    expect(JSON.parse(answer.text)).toEqual({ message: "GET /nowhere is not a route of usergraph" });
  });
});
