import type { EmbeddingsConfig, LlmConfig } from "../../src/modelConfig";
import type { OpenAiStandIn } from "./openAiStandIn";

// Model configurations pointing at a stand-in, with short timeouts and few attempts so that failure tests end
// quickly; each test overrides what it is about.

export function llmConfigFor(standIn: OpenAiStandIn, overrides: Partial<LlmConfig> = {}): LlmConfig {
  return {
    baseUrl: standIn.baseUrl,
    apiKey: "sk-test",
    apiVersion: null,
    model: "stand-in-model",
    timeoutMs: 2000,
    maxAttempts: 3,
    maxTokensPerEpisode: 20_000,
    maxTokensField: "max_completion_tokens",
    ...overrides,
  };
}

export function embeddingsConfigFor(standIn: OpenAiStandIn, overrides: Partial<EmbeddingsConfig> = {}): EmbeddingsConfig {
  return {
    baseUrl: standIn.baseUrl,
    apiKey: "ek",
    apiVersion: null,
    model: "stand-in-embeddings",
    dimensions: null,
    timeoutMs: 2000,
    maxAttempts: 3,
    batchSize: 2,
    minSimilarity: 0.5,
    ...overrides,
  };
}
