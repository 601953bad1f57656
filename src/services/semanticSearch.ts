import type { Logger } from "pino";
import type { Embedder } from "../ingest/llm/embeddingsClient";
import type { SemanticSearch } from "./graphSearch";

/**
 * The semantic half of searchGraph over an embeddings model, or null without one. A model that fails (after
 * the search client's short retries) costs the search its semantic half, not its answer: it is logged and
 * the search goes on by full text.
 */
export function semanticSearchOf(embedder: Embedder | null, logger: Logger): SemanticSearch | null {
  if (embedder === null) return null;
  return {
    minSimilarity: embedder.minSimilarity,
    embed: async (query) => {
      try {
        const [vector] = await embedder.embed([query], new AbortController().signal);
        return vector ?? null;
      } catch (error) {
        logger.warn({ err: error }, "the embeddings model did not answer: searching by full text only");
        return null;
      }
    },
  };
}
