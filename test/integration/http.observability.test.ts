import { Writable } from "node:stream";
import pino from "pino";
import { type Sample, sampleValue, scrape } from "../support/prometheus";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";
import { withUnreachableNeo4j } from "../support/unreachable";

// What a platform team sees of each request: its id on the response and on every log line, one access line per
// REST or health request, and Prometheus metrics for REST routes, Cypher statements and errors by code.

type Line = Record<string, any>;

function capturingLogger(): { logger: pino.Logger; lines: Line[] } {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Line);
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The access line is written when the response is over, a moment after the client has it. */
async function lineFor(lines: Line[], requestId: string, msg: string): Promise<Line> {
  for (let attempt = 0; attempt < 250; attempt++) {
    const found = lines.find((line) => line.requestId === requestId && line.msg === msg);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no "${msg}" line with requestId ${requestId}`);
}

describe("observability over HTTP", () => {
  let t: TestApp;
  let base: string;
  let lines: Line[];
  beforeAll(async () => {
    const captured = capturingLogger();
    lines = captured.lines;
    t = await startTestApp({ logger: captured.logger });
    base = `http://127.0.0.1:${await t.app.server.listen(0)}`;
  });
  afterAll(() => t.close());

  const graphql = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  describe("request id", () => {
    it("echoes a sane x-request-id on every route: GraphQL, Sandbox, REST, health, metrics, 404s and refused bodies", async () => {
      const id = uniqueId("gateway.req:1");
      const headers = { "x-request-id": id };
      // Readiness is left out of the statuses: under load its one-second budget may answer 503, with the id all the same.
      const requests: [number | null, () => Promise<Response>][] = [
        [200, () => graphql({ query: "{ __typename }" }, headers)],
        [200, () => fetch(`${base}/graphql`, { headers: { ...headers, accept: "text/html" } })],
        [400, () => graphql("{ not json", headers)],
        [404, () => fetch(`${base}/api/v2/users/${uniqueId("nobody")}`, { headers })],
        [200, () => fetch(`${base}/api/v2/users-ordered`, { headers })],
        [400, () => fetch(`${base}/api/v2/entity-types`, { headers })],
        [400, () => fetch(`${base}/api/v2/users`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: "{ not json" })],
        [200, () => fetch(`${base}/health/live`, { headers })],
        [null, () => fetch(`${base}/health/ready`, { headers })],
        [200, () => fetch(`${base}/metrics`, { headers })],
        [404, () => fetch(`${base}/no/such/route`, { headers })],
      ];
      const responses: Response[] = [];
      for (const [status, send] of requests) {
        const response = await send();
        if (status !== null) expect(response.status).toBe(status);
        responses.push(response);
      }
      for (const response of responses) expect(response.headers.get("x-request-id")).toBe(id);
    });

    it("makes up a UUID when the header is missing or not a sane token (over 128 characters, spaces, quotes)", async () => {
      const refused = ["x".repeat(129), "two words", 'quo"te', "new\\nline", ""];
      const ids: (string | null)[] = [];
      for (const header of [undefined, ...refused]) {
        const response = await fetch(`${base}/health/live`, { headers: header === undefined ? {} : { "x-request-id": header } });
        ids.push(response.headers.get("x-request-id"));
      }
      for (const id of ids) expect(id).toMatch(UUID);
      expect(new Set(ids).size).toBe(ids.length);
      const longest = "a".repeat(128);
      expect((await fetch(`${base}/health/live`, { headers: { "x-request-id": longest } })).headers.get("x-request-id")).toBe(longest);
    });

    it("puts the id on the GraphQL request line, logged through the request's context logger, and on no other request's line", async () => {
      const id = uniqueId("graphql");
      await graphql({ query: "query Identified { usersOrdered { rowCount } }", operationName: "Identified" }, { "x-request-id": id });
      expect(await lineFor(lines, id, "graphql request")).toMatchObject({ operation: "Identified", errorCodes: [] });
      expect(lines.filter((line) => line.requestId === id).every((line) => line.msg === "graphql request")).toBe(true);
      // /graphql has its own line; the access log leaves it out.
      expect(lines.some((line) => line.requestId === id && line.msg === "http request")).toBe(false);
    });
  });

  describe("access log", () => {
    it("logs one line per REST request: method, the route's pattern (not the path), status, duration and id", async () => {
      const id = uniqueId("rest");
      const userId = uniqueId("nobody");
      await fetch(`${base}/api/v2/users/${userId}`, { headers: { "x-request-id": id } });
      const line = await lineFor(lines, id, "http request");
      expect(line).toMatchObject({ level: 30, method: "GET", route: "/api/v2/users/:userId", status: 404 });
      expect(typeof line.durationMs).toBe("number");
      expect(JSON.stringify(line)).not.toContain(userId);
      expect(lines.filter((each) => each.requestId === id && each.msg === "http request")).toHaveLength(1);
    });

    it("names requests no route served 'unmatched', with their path", async () => {
      const id = uniqueId("unmatched");
      await fetch(`${base}/api/v2/entity-types`, { headers: { "x-request-id": id } });
      expect(await lineFor(lines, id, "http request")).toMatchObject({ route: "unmatched", path: "/api/v2/entity-types", status: 400 });
    });

    it("logs health probes and metrics scrapes at debug level", async () => {
      for (const path of ["/health/live", "/health/ready", "/metrics"]) {
        const id = uniqueId("probe");
        await fetch(`${base}${path}`, { headers: { "x-request-id": id } });
        expect(await lineFor(lines, id, "http request")).toMatchObject({ level: 20, method: "GET", route: path });
      }
    });
  });

  describe("metrics", () => {
    it("measures REST requests by route pattern, method and status, and counts their errors by code", async () => {
      const before = await scrape(base);
      const userId = uniqueId("nobody");
      await fetch(`${base}/api/v2/users/${userId}`);
      await fetch(`${base}/api/v2/entity-types`);
      await fetch(`${base}/api/v2/users`, { method: "POST", headers: { "content-type": "application/json" }, body: "{ not json" });
      const after = await scrape(base);
      const rest = (labels: Record<string, string>) => delta(before, after, "usergraph_rest_request_duration_seconds_count", labels);
      expect(rest({ route: "/api/v2/users/:userId", method: "GET", status: "404" })).toBe(1);
      expect(rest({ route: "unmatched", method: "GET", status: "400" })).toBe(1);
      expect(rest({ route: "unmatched", method: "POST", status: "400" })).toBe(1);
      const errors = (labels: Record<string, string>) => delta(before, after, "usergraph_errors_total", labels);
      expect(errors({ code: "NOT_FOUND", door: "rest" })).toBe(1);
      expect(errors({ code: "BAD_REQUEST", door: "rest" })).toBe(2);
      expect(after.some((sample) => Object.values(sample.labels).some((value) => value.includes(userId)))).toBe(false);
    });

    it("counts GraphQL errors by extensions.code, an unreadable body included", async () => {
      const before = await scrape(base);
      await graphql({ query: `mutation { addUser(input: { userId: "" }) { userId } }` });
      await graphql({ query: "{ nope }" });
      await graphql("{ not json");
      const after = await scrape(base);
      const errors = (code: string) => delta(before, after, "usergraph_errors_total", { code, door: "graphql" });
      expect(errors("BAD_USER_INPUT")).toBe(1);
      expect(errors("GRAPHQL_VALIDATION_FAILED")).toBe(1);
      expect(errors("BAD_REQUEST")).toBe(1);
    });

    it("times every Cypher statement by its file name: one observation per statement counted", async () => {
      await fetch(`${base}/api/v2/users/${uniqueId("nobody")}`);
      const samples = await scrape(base);
      const counted = samples.filter((sample) => sample.name === "usergraph_cypher_queries_total");
      expect(counted.length).toBeGreaterThan(0);
      for (const { labels, value } of counted) {
        expect(sampleValue(samples, "usergraph_cypher_duration_seconds_count", { query: labels.query! })).toBe(value);
      }
    });
  });
});

describe("observability when Neo4j cannot be reached", () => {
  it("logs the database's unavailability, and the driver's warnings, with the id of the request it failed, through either door, and counts it", async () => {
    const { logger, lines } = capturingLogger();
    await withUnreachableNeo4j(async (server, _db, metrics) => {
      const base = `http://127.0.0.1:${await server.listen(0)}`;
      const graphqlId = uniqueId("down-graphql");
      const restId = uniqueId("down-rest");
      await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": graphqlId },
        body: JSON.stringify({ query: `{ user(userId: "x") { userId } }` }),
      });
      // A body that arrives in pieces: the parser finishes it from a later read of the socket, and the request's
      // scope still holds there (raw-body binds its callback to the request's async context).
      const streamedId = uniqueId("down-streamed");
      await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": streamedId },
        body: inPieces([`{ "query": "{ user(userId: \\"x\\") `, `{ userId } }" }`]),
        duplex: "half",
      } as RequestInit);
      const rest = await fetch(`${base}/api/v2/users/x`, { headers: { "x-request-id": restId } });
      expect(rest.status).toBe(503);
      expect(await lineFor(lines, graphqlId, "database unavailable")).toMatchObject({ level: 40 });
      expect(await lineFor(lines, graphqlId, "graphql request")).toMatchObject({ errorCodes: ["SERVICE_UNAVAILABLE"] });
      expect(await lineFor(lines, streamedId, "database unavailable")).toMatchObject({ level: 40 });
      expect(await lineFor(lines, restId, "database unavailable")).toMatchObject({ level: 40 });
      expect(await lineFor(lines, restId, "http request")).toMatchObject({ route: "/api/v2/users/:userId", status: 503 });
      // The driver's own warnings, logged while it failed these requests, carry their ids too.
      const driverWarnings = lines.filter((line) => line.neo4j === true);
      for (const id of [graphqlId, restId]) expect(driverWarnings.some((line) => line.requestId === id)).toBe(true);
      const errors = await metrics.errors.get();
      const count = (door: string) =>
        errors.values.find((value) => value.labels.code === "SERVICE_UNAVAILABLE" && value.labels.door === door)?.value;
      expect(count("graphql")).toBe(2);
      expect(count("rest")).toBe(1);
    }, logger);
  });
});

/** A request body sent as these pieces, with a pause before each. */
function inPieces(pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (next < pieces.length) controller.enqueue(encoder.encode(pieces[next++]));
      else controller.close();
    },
  });
}

function delta(before: readonly Sample[], after: readonly Sample[], name: string, labels: Record<string, string>): number {
  return sampleValue(after, name, labels) - sampleValue(before, name, labels);
}
