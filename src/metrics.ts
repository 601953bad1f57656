import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The service's Prometheus metrics, in a registry of its own so that several servers (tests) never clash. */
export interface Metrics {
  registry: Registry;
  cypherQueries: Counter<"query">;
  cypherDuration: Histogram<"query">;
  requestDuration: Histogram<"operation">;
  restRequestDuration: Histogram<"route" | "method" | "status">;
  errors: Counter<"code" | "door">;
}

/** The two ways in: the GraphQL route and Zep's REST routes. */
export type Door = "graphql" | "rest";

const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// A statement is a part of a request: finer buckets at the short end.
const STATEMENT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(options: { processMetrics: boolean } = { processMetrics: false }): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    cypherQueries: new Counter({
      name: "usergraph_cypher_queries_total",
      help: "Cypher statements sent to Neo4j, by the name of their file in cypher/.",
      labelNames: ["query"],
      registers: [registry],
    }),
    cypherDuration: new Histogram({
      name: "usergraph_cypher_duration_seconds",
      help: "Duration of Cypher statements, from sending to the last row read, by the name of their file in cypher/.",
      labelNames: ["query"],
      buckets: STATEMENT_BUCKETS,
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: "usergraph_graphql_request_duration_seconds",
      help: "Duration of GraphQL requests, by operation name.",
      labelNames: ["operation"],
      buckets: REQUEST_BUCKETS,
      registers: [registry],
    }),
    restRequestDuration: new Histogram({
      name: "usergraph_rest_request_duration_seconds",
      help: "Duration of REST requests (/api/v2), by route pattern (unmatched: no route served it), method and status.",
      labelNames: ["route", "method", "status"],
      buckets: REQUEST_BUCKETS,
      registers: [registry],
    }),
    errors: new Counter({
      name: "usergraph_errors_total",
      help: "Errors answered, by code (extensions.code on GraphQL, the code behind the status on REST) and door.",
      labelNames: ["code", "door"],
      registers: [registry],
    }),
  };
}
