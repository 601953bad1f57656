import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The service's Prometheus metrics, in a registry of its own so that several servers (tests) never clash. */
export interface Metrics {
  registry: Registry;
  cypherQueries: Counter<"query">;
  requestDuration: Histogram<"operation">;
  /** Tokens the chat model reported using, prompt and completion apart (extraction and summaries). */
  llmTokens: Counter<"kind">;
  /** Tokens the embeddings model reported using. */
  embeddingTokens: Counter;
  /** Requests to the model endpoints, by API and outcome: ok, retried (a retryable failure), failed. */
  modelRequests: Counter<"api" | "outcome">;
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
