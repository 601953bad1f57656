import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The service's Prometheus metrics, in a registry of its own so that several servers (tests) never clash. */
export interface Metrics {
  registry: Registry;
  cypherQueries: Counter<"query">;
  requestDuration: Histogram<"operation">;
}

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
    requestDuration: new Histogram({
      name: "usergraph_graphql_request_duration_seconds",
      help: "Duration of GraphQL requests, by operation name.",
      labelNames: ["operation"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}
