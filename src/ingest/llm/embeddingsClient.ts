import type { Metrics } from "../../metrics";
import type { EmbeddingsConfig, ModelEndpoint } from "../../modelConfig";
import { postJson } from "./http";
import { ModelCallError } from "./modelErrors";
import { DEFAULT_RETRY, type RetryPolicy, type Sleep, withRetries } from "./retry";

/** What search and the pipeline need of an embeddings model: one vector per text, in text order. */
export interface Embedder {
  /** The least cosine similarity for a vector hit to count (EMBEDDINGS_MIN_SIMILARITY). */
  readonly minSimilarity: number;
  embed(texts: readonly string[], signal: AbortSignal): Promise<number[][]>;
}

/**
 * Longer texts are cut before they are sent: embedding models refuse inputs past their context (8,191 tokens
 * for OpenAI's), and the opening of a long episode says enough for search.
 */
export const MAX_EMBEDDED_CHARS = 8000;

export interface EmbeddingsClientOptions {
  endpoint: ModelEndpoint;
  model: string;
  dimensions: number | null;
  timeoutMs: number;
  batchSize: number;
  minSimilarity: number;
  retry: RetryPolicy;
  metrics: Metrics;
  sleep?: Sleep;
}

/**
 * An OpenAI-compatible `/embeddings` client: texts go in batches of `batchSize`, one request after another,
 * each retried like a chat call (network errors, timeouts, 429 with Retry-After, 5xx, malformed answers).
 */
export class EmbeddingsClient implements Embedder {
  readonly minSimilarity: number;

  constructor(private readonly options: EmbeddingsClientOptions) {
    this.minSimilarity = options.minSimilarity;
  }

  static fromConfig(config: EmbeddingsConfig, metrics: Metrics, overrides: { sleep?: Sleep; retry?: Partial<RetryPolicy>; timeoutMs?: number } = {}): EmbeddingsClient {
    return new EmbeddingsClient({
      endpoint: config,
      model: config.model,
      dimensions: config.dimensions,
      timeoutMs: overrides.timeoutMs ?? config.timeoutMs,
      batchSize: config.batchSize,
      minSimilarity: config.minSimilarity,
      retry: { ...DEFAULT_RETRY, maxAttempts: config.maxAttempts, ...overrides.retry },
      metrics,
      ...(overrides.sleep ? { sleep: overrides.sleep } : {}),
    });
  }

  async embed(texts: readonly string[], signal: AbortSignal): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += this.options.batchSize) {
      vectors.push(...(await this.embedBatch(texts.slice(start, start + this.options.batchSize), signal)));
    }
    return vectors;
  }

  private embedBatch(batch: readonly string[], signal: AbortSignal): Promise<number[][]> {
    const { metrics } = this.options;
    const body = {
      model: this.options.model,
      input: batch.map((text) => text.slice(0, MAX_EMBEDDED_CHARS)),
      encoding_format: "float",
      ...(this.options.dimensions === null ? {} : { dimensions: this.options.dimensions }),
    };
    return withRetries(
      async () => {
        const answer = await postJson(this.options.endpoint, "/embeddings", body, this.options.timeoutMs, signal);
        const tokens = (answer as { usage?: { prompt_tokens?: unknown } } | null)?.usage?.prompt_tokens;
        if (typeof tokens === "number") metrics.embeddingTokens.inc(tokens);
        return readVectors(answer, batch.length, this.options.dimensions);
      },
      this.options.retry,
      signal,
      { sleep: this.options.sleep, onOutcome: (outcome) => metrics.modelRequests.inc({ api: "embeddings", outcome }) },
    );
  }
}

/** `data[i].embedding`, put in input order by `index`: one finite vector per input, all of one length. */
export function readVectors(answer: unknown, expected: number, dimensions: number | null): number[][] {
  const malformed = (why: string): never => {
    throw new ModelCallError(`the embeddings answer is malformed: ${why}`, { retryable: true });
  };
  const data = (answer as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return malformed("no data array");
  if (data.length !== expected) return malformed(`${data.length} vectors for ${expected} inputs`);
  const vectors: number[][] = new Array<number[]>(expected);
  data.forEach((item: { index?: unknown; embedding?: unknown }, position) => {
    const index = typeof item?.index === "number" ? item.index : position;
    const vector = item?.embedding;
    if (!Number.isInteger(index) || index < 0 || index >= expected || vectors[index] !== undefined) malformed(`bad or repeated index ${String(index)}`);
    if (!Array.isArray(vector) || vector.length === 0 || !vector.every((x) => typeof x === "number" && Number.isFinite(x))) {
      malformed(`the vector at ${index} is not a list of numbers`);
    }
    vectors[index] = vector as number[];
  });
  const length = vectors[0]?.length;
  if (vectors.some((vector) => vector.length !== length)) malformed("vectors of different lengths");
  if (dimensions !== null && length !== dimensions) {
    throw new ModelCallError(`the embeddings model answered ${length} dimensions, not the ${dimensions} of EMBEDDINGS_DIMENSIONS`, { retryable: false });
  }
  return vectors;
}
