import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { testNeo4jConfig } from "../setup/neo4jEnv";
import { scrape } from "../support/prometheus";
import { exitCode, servingUrl, startService, waitFor } from "../support/serviceProcess";

// OpenTelemetry, end to end: the service as a process with OTEL_EXPORTER_OTLP_ENDPOINT set, exporting OTLP/HTTP
// in JSON to a collector this test runs; a request that comes with a gateway's traceparent continues that
// trace, and every Cypher statement it runs is a span of it, named by its file.

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
}

interface ExportedSpan extends OtlpSpan {
  scope: string;
  resource: Record<string, unknown>;
}

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;

/** A collector at http://127.0.0.1:<port>: keeps every span POSTed to /v1/traces. */
async function startCollector(): Promise<{ endpoint: string; spans: ExportedSpan[]; close(): Promise<void> }> {
  const spans: ExportedSpan[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.url === "/v1/traces") {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { resourceSpans: any[] };
        for (const { resource, scopeSpans } of body.resourceSpans) {
          for (const { scope, spans: scoped } of scopeSpans) {
            for (const span of scoped as OtlpSpan[]) spans.push({ ...span, scope: scope.name, resource: attributes(resource) });
          }
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function attributes(holder: { attributes?: { key: string; value: Record<string, unknown> }[] }): Record<string, unknown> {
  return Object.fromEntries((holder.attributes ?? []).map(({ key, value }) => [key, Object.values(value)[0]]));
}

describe("tracing with OpenTelemetry", () => {
  it("continues the gateway's trace: the server span's parent is the traceparent's span, and each Cypher statement is a span of the trace", async () => {
    const neo = testNeo4jConfig();
    const collector = await startCollector();
    const { child, lines } = startService({
      NEO4J_URI: neo.uri,
      NEO4J_USERNAME: neo.username,
      NEO4J_PASSWORD: neo.password,
      NEO4J_DATABASE: neo.database,
      PROJECT_ID: `tracing-${randomUUID()}`,
      PORT: "0",
      LOG_LEVEL: "info",
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_BSP_SCHEDULE_DELAY: "100",
    });
    try {
      const url = await waitFor(() => servingUrl(lines), "the serving log line");
      const base = url.replace(/\/graphql$/, "");
      expect(lines.some((line) => line.includes("OpenTelemetry tracing is on"))).toBe(true);

      const traceId = randomBytes(16).toString("hex");
      const gatewaySpanId = randomBytes(8).toString("hex");
      const before = await statementCounts(base);
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", traceparent: `00-${traceId}-${gatewaySpanId}-01` },
        body: JSON.stringify({ query: "query Traced { usersOrdered { totalCount rowCount } }", operationName: "Traced" }),
      });
      expect(((await response.json()) as any).data.usersOrdered).toEqual({ totalCount: 0, rowCount: 0 });
      const after = await statementCounts(base);
      const statementsRun = Object.keys(after).filter((query) => after[query]! > (before[query] ?? 0));
      expect(statementsRun.length).toBeGreaterThan(0);

      // SIGTERM shuts the SDK down, which exports what it still holds.
      child.kill("SIGTERM");
      expect(await exitCode(child)).toBe(0);

      const trace = collector.spans.filter((span) => span.traceId === traceId);
      const byId = new Map(trace.map((span) => [span.spanId, span]));
      const server = trace.find((span) => span.kind === SPAN_KIND_SERVER);
      expect(server).toMatchObject({ parentSpanId: gatewaySpanId, name: "POST /graphql" });
      expect(server?.resource["service.name"]).toBe("usergraph");

      const cypher = trace.filter((span) => span.name.startsWith("cypher "));
      expect(cypher.map((span) => span.name).sort()).toEqual(statementsRun.map((query) => `cypher ${query}`).sort());
      for (const span of cypher) {
        expect(span.kind).toBe(SPAN_KIND_CLIENT);
        expect(attributes(span)).toMatchObject({
          "db.system": "neo4j",
          "db.namespace": neo.database,
          "db.operation.name": span.name.slice("cypher ".length),
        });
        // Up its parents, through the GraphQL resolver that ran it, to the server span.
        const ancestors: ExportedSpan[] = [];
        for (let parent = byId.get(span.parentSpanId ?? ""); parent; parent = byId.get(parent.parentSpanId ?? "")) ancestors.push(parent);
        expect(ancestors.at(-1)).toBe(server);
        expect(ancestors.some((ancestor) => ancestor.scope.includes("graphql"))).toBe(true);
      }
    } catch (error) {
      console.log(lines.join("\n"));
      throw error;
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await collector.close();
    }
  }, 120_000);
});

/** usergraph_cypher_queries_total by statement, from the service's /metrics. */
async function statementCounts(base: string): Promise<Record<string, number>> {
  const samples = await scrape(base);
  return Object.fromEntries(
    samples.filter((sample) => sample.name === "usergraph_cypher_queries_total").map((sample) => [sample.labels.query, sample.value]),
  );
}
