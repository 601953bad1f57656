/**
 * The optional model endpoints, read from the environment with the rest of the configuration: a chat model
 * for extraction and summaries (model mode is on when LLM_BASE_URL and LLM_MODEL are both set) and an
 * embeddings model for semantic search (on when EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL are set). Any
 * OpenAI-compatible endpoint works: OpenAI, Azure OpenAI, Ollama, vLLM.
 */

/** Where an OpenAI-compatible API answers, and how to authenticate to it. */
export interface ModelEndpoint {
  /** e.g. https://api.openai.com/v1, http://localhost:11434/v1, or an Azure deployment's URL. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`, or as `api-key` for Azure OpenAI; null for a local server. */
  apiKey: string | null;
  /** Azure OpenAI's `api-version` query parameter, when the endpoint needs one. */
  apiVersion: string | null;
}

export interface LlmConfig extends ModelEndpoint {
  model: string;
  /** How long one request may take before it is abandoned (and retried). */
  timeoutMs: number;
  /** Attempts per request, the first included, on network errors, timeouts, 429s and 5xx. */
  maxAttempts: number;
  /** The most tokens (prompt and completion) the calls for one episode may use in all. */
  maxTokensPerEpisode: number;
  /** The request field that bounds the answer: OpenAI's current `max_completion_tokens`, or the older `max_tokens`. */
  maxTokensField: "max_completion_tokens" | "max_tokens";
}

export interface EmbeddingsConfig extends ModelEndpoint {
  model: string;
  /** Asked of the model (OpenAI's text-embedding-3 models shorten vectors) and fixed in the vector indexes; null: the model's own. */
  dimensions: number | null;
  timeoutMs: number;
  maxAttempts: number;
  /** Texts per request. */
  batchSize: number;
  /** The least cosine similarity for a vector hit to count in search (graphiti uses 0.6). */
  minSimilarity: number;
}

export interface ModelConfigs {
  llm: LlmConfig | null;
  embeddings: EmbeddingsConfig | null;
}

const MAX_TOKENS_FIELDS = ["max_completion_tokens", "max_tokens"] as const;

/** Reads both endpoints, adding one line per problem to `problems`. */
export function loadModelConfigs(env: NodeJS.ProcessEnv, problems: string[]): ModelConfigs {
  const read = reader(env, problems);
  const llmEndpoint = read.endpoint("LLM");
  const embeddingsEndpoint = read.endpoint("EMBEDDINGS");
  return {
    llm:
      llmEndpoint === null
        ? null
        : {
            ...llmEndpoint.endpoint,
            model: llmEndpoint.model,
            timeoutMs: read.whole("LLM_TIMEOUT_MS", 60_000, 1000, 600_000),
            maxAttempts: read.whole("LLM_MAX_ATTEMPTS", 4, 1, 10),
            maxTokensPerEpisode: read.whole("LLM_MAX_TOKENS_PER_EPISODE", 20_000, 1000, 1_000_000),
            maxTokensField: read.oneOf("LLM_MAX_TOKENS_FIELD", MAX_TOKENS_FIELDS, "max_completion_tokens"),
          },
    embeddings:
      embeddingsEndpoint === null
        ? null
        : {
            ...embeddingsEndpoint.endpoint,
            model: embeddingsEndpoint.model,
            dimensions: read.optionalWhole("EMBEDDINGS_DIMENSIONS", 1, 4096),
            timeoutMs: read.whole("EMBEDDINGS_TIMEOUT_MS", 30_000, 1000, 600_000),
            maxAttempts: read.whole("EMBEDDINGS_MAX_ATTEMPTS", 4, 1, 10),
            batchSize: read.whole("EMBEDDINGS_BATCH_SIZE", 64, 1, 2048),
            minSimilarity: read.fraction("EMBEDDINGS_MIN_SIMILARITY", 0.6),
          },
  };
}

function reader(env: NodeJS.ProcessEnv, problems: string[]) {
  const text = (name: string): string | null => {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? null : value;
  };
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const value = text(name);
    if (value === null) return fallback;
    const parsed = Number(value);
    if (/^\d+$/.test(value) && parsed >= min && parsed <= max) return parsed;
    problems.push(`${name} must be a whole number from ${min} to ${max}; got "${value}"`);
    return fallback;
  };
  return {
    whole,
    optionalWhole: (name: string, min: number, max: number): number | null => (text(name) === null ? null : whole(name, min, min, max)),
    fraction: (name: string, fallback: number): number => {
      const value = text(name);
      if (value === null) return fallback;
      const parsed = Number(value);
      if (/^\d*\.?\d+$/.test(value) && parsed >= 0 && parsed <= 1) return parsed;
      problems.push(`${name} must be a number from 0 to 1; got "${value}"`);
      return fallback;
    },
    oneOf: <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
      const value = text(name) ?? fallback;
      if ((allowed as readonly string[]).includes(value)) return value as T;
      problems.push(`${name} must be one of ${allowed.join(", ")}; got "${value}"`);
      return fallback;
    },
    /** PREFIX_BASE_URL and PREFIX_MODEL together switch the endpoint on; one without the other is a mistake. */
    endpoint: (prefix: string): { endpoint: ModelEndpoint; model: string } | null => {
      const baseUrl = text(`${prefix}_BASE_URL`);
      const model = text(`${prefix}_MODEL`);
      if (baseUrl === null && model === null) return null;
      if (baseUrl === null || model === null) {
        problems.push(`${prefix}_BASE_URL and ${prefix}_MODEL must be set together; only ${baseUrl === null ? `${prefix}_MODEL` : `${prefix}_BASE_URL`} is`);
        return null;
      }
      if (!/^https?:\/\/[^\s/]+(\/[^\s?#]*)?$/.test(baseUrl)) {
        problems.push(`${prefix}_BASE_URL must be an http(s) URL without query, like https://api.openai.com/v1; got "${baseUrl}"`);
        return null;
      }
      // Trimmed: API keys have no spaces, and a secret file's trailing newline would make a header invalid.
      const endpoint = { baseUrl: baseUrl.replace(/\/+$/, ""), apiKey: text(`${prefix}_API_KEY`), apiVersion: text(`${prefix}_API_VERSION`) };
      return { endpoint, model };
    },
  };
}
