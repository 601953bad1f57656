import type { Metrics } from "../../metrics";
import type { ModelConfigs } from "../../modelConfig";
import { EmbeddingsClient } from "./embeddingsClient";
import { LlmExtractor } from "./llmExtractor";
import { LlmSummaryWriter } from "./llmSummaryWriter";

export { ModelCallError, TokenBudgetExceeded, isRetryableModelError } from "./modelErrors";
export type { Embedder } from "./embeddingsClient";
export { LlmExtractor, LlmSummaryWriter, EmbeddingsClient };

/** A search has a person waiting: two attempts, each within SEARCH_EMBED_TIMEOUT_MS, then full text alone. */
const SEARCH_EMBED_ATTEMPTS = 2;
const SEARCH_EMBED_TIMEOUT_MS = 5000;

/** What the configured models offer the service; each null when its model is not configured. */
export interface ModelServices {
  extractor: LlmExtractor | null;
  summaryWriter: LlmSummaryWriter | null;
  /** For the pipeline (embedAndStore): the configured retries and timeout. */
  embedder: EmbeddingsClient | null;
  /** For searchGraph: quick to give up, since the search goes on by full text. */
  searchEmbedder: EmbeddingsClient | null;
}

export function createModelServices(config: Partial<ModelConfigs>, metrics: Metrics): ModelServices {
  const { llm = null, embeddings = null } = config;
  return {
    extractor: llm === null ? null : LlmExtractor.fromConfig(llm, metrics),
    summaryWriter: llm === null ? null : LlmSummaryWriter.fromConfig(llm, metrics),
    embedder: embeddings === null ? null : EmbeddingsClient.fromConfig(embeddings, metrics),
    searchEmbedder:
      embeddings === null
        ? null
        : EmbeddingsClient.fromConfig(embeddings, metrics, {
            retry: { maxAttempts: Math.min(SEARCH_EMBED_ATTEMPTS, embeddings.maxAttempts) },
            timeoutMs: Math.min(SEARCH_EMBED_TIMEOUT_MS, embeddings.timeoutMs),
          }),
  };
}
