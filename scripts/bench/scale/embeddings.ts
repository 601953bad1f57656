// The scale scenario's embeddings model: the tests' OpenAI stand-in on a local port, speaking the real
// `/v1/embeddings` protocol with deterministic bag-of-words vectors, so semantic search runs its real
// statements over real vectors without a network. 256 dimensions rather than OpenAI's 1,536: a million
// users' graphs would otherwise need gigabytes of vectors; scoring a vector costs in proportion to its length.
import type { EmbeddingsConfig } from "../../../src/modelConfig";
import { type OpenAiStandIn, startOpenAiStandIn } from "../../../test/support/openAiStandIn";

export const EMBEDDING_DIMENSIONS = 256;

export interface ScaleEmbeddings {
  config: EmbeddingsConfig;
  close(): Promise<void>;
}

export async function startScaleEmbeddings(): Promise<ScaleEmbeddings> {
  const standIn: OpenAiStandIn = await startOpenAiStandIn({ dimensions: EMBEDDING_DIMENSIONS });
  return {
    config: {
      baseUrl: standIn.baseUrl,
      apiKey: null,
      apiVersion: null,
      model: "bench-bag-of-words",
      dimensions: EMBEDDING_DIMENSIONS,
      timeoutMs: 30_000,
      maxAttempts: 2,
      batchSize: 512,
      minSimilarity: 0.6,
    },
    close: () => standIn.close(),
  };
}
