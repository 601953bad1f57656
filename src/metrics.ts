import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

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
  /** Episodes the ingestion pipeline finished, by outcome: processed (DONE) or failed (FAILED after retries). */
  ingestEpisodes: Counter<"outcome">;
  /** Failed attempts that will be tried again. */
  ingestRetries: Counter;
  /** Facts the pipeline added (a fact it found already stated is cited, not counted). */
  ingestFacts: Counter;
  /** Tokens the extractor and summary writer spent (a language model's; the embedded extractor spends none). */
  ingestTokens: Counter<"kind">;
  /** From the moment an episode was recorded (and queued) to the end of its processing. */
  ingestLatency: Histogram;
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
    ingestEpisodes: new Counter({
      name: "usergraph_ingest_episodes_total",
      help: "Episodes the ingestion pipeline finished, by outcome (processed, failed).",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    ingestRetries: new Counter({
      name: "usergraph_ingest_retries_total",
      help: "Failed ingestion attempts that will be tried again.",
      registers: [registry],
    }),
    ingestFacts: new Counter({
      name: "usergraph_ingest_facts_total",
      help: "Facts the ingestion pipeline added to users' graphs.",
      registers: [registry],
    }),
    ingestTokens: new Counter({
      name: "usergraph_ingest_tokens_total",
      help: "Language-model tokens spent on ingestion, by kind (prompt, completion).",
      labelNames: ["kind"],
      registers: [registry],
    }),
    ingestLatency: new Histogram({
      name: "usergraph_ingest_latency_seconds",
      help: "Time from an episode's recording to the end of its processing.",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
      registers: [registry],
    }),
  };
}

/**
 * usergraph_ingest_queue_depth, read when Prometheus scrapes: `read` must be cheap (a count-store lookup).
 * A scrape while Neo4j is away keeps the last value rather than failing the whole scrape.
 */
export function registerQueueDepth(metrics: Metrics, read: () => Promise<number>): void {
  new Gauge({
    name: "usergraph_ingest_queue_depth",
    help: "Episodes queued for ingestion or being processed, across all projects.",
    registers: [metrics.registry],
    async collect() {
      try {
        this.set(await read());
      } catch {
        // Neo4j unreachable: the previous value stands; readiness reports the outage.
      }
    },
  });
}
