import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The service's Prometheus metrics, in a registry of its own so that several servers (tests) never clash. */
export interface Metrics {
  registry: Registry;
  cypherQueries: Counter<"query">;
  cypherDuration: Histogram<"query">;
  requestDuration: Histogram<"operation">;
  restRequestDuration: Histogram<"route" | "method" | "status">;
  errors: Counter<"code" | "door">;
  /** Tokens the chat model reported using, prompt and completion apart (extraction and summaries). */
  llmTokens: Counter<"kind">;
  /** Tokens the embeddings model reported using. */
  embeddingTokens: Counter;
  /** Requests to the model endpoints, by API and outcome: ok, retried (a retryable failure), failed. */
  modelRequests: Counter<"api" | "outcome">;
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
    llmTokens: new Counter({
      name: "usergraph_llm_tokens_total",
      help: "Tokens used by the chat model, as its answers reported them, by kind: prompt or completion.",
      labelNames: ["kind"],
      registers: [registry],
    }),
    embeddingTokens: new Counter({
      name: "usergraph_embedding_tokens_total",
      help: "Tokens used by the embeddings model, as its answers reported them.",
      registers: [registry],
    }),
    modelRequests: new Counter({
      name: "usergraph_model_requests_total",
      help: "Requests to the model endpoints, by api (chat, embeddings) and outcome (ok, retried, failed).",
      labelNames: ["api", "outcome"],
      registers: [registry],
    }),
  };
}
