import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

// One OpenTelemetry span per Cypher statement, named by its file, as a child of whatever span is active (the
// resolver's or the REST handler's, under the HTTP server span). Without the SDK (tracing off) the API hands
// out no-op spans and this costs next to nothing.

const tracer = trace.getTracer("usergraph");

export async function traceStatement<T>(queryName: string, databaseName: string, work: () => Promise<T>): Promise<T> {
  const span = tracer.startSpan(`cypher ${queryName}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      "db.system": "neo4j",
      "db.system.name": "neo4j",
      "db.namespace": databaseName,
      // The file name is the statement's low-cardinality name: cypher/<name>.cypher holds its text.
      "db.operation.name": queryName,
      "db.query.summary": queryName,
    },
  });
  try {
    return await work();
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    // Neo4j's status code (Neo.ClientError.Schema.ConstraintValidationFailed) when there is one.
    const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
    span.setAttribute("error.type", typeof code === "string" && code ? code : error instanceof Error ? error.name : "unknown");
    throw error;
  } finally {
    span.end();
  }
}
