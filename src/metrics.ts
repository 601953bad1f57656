import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The service's Prometheus metrics, in a registry of its own so that several servers (tests) never clash. */
export interface Metrics {
  registry: Registry;
  cypherQueries: Counter<"query">;
  requestDuration: Histogram<"operation">;
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
