import type { Database } from "../db/database";
import { type EmbeddedKind, EmbeddingStore, type UuidsByKind } from "../db/embeddings";
import type { Embedder } from "./llm/embeddingsClient";

export type EmbedRequest = Partial<UuidsByKind>;
export type EmbedCounts = Record<EmbeddedKind, number>;

const KINDS: readonly EmbeddedKind[] = ["facts", "nodes", "episodes"];

/**
 * Embeds some facts, nodes and episodes of a project and stores their vectors: one read for the texts (a
 * fact's sentence, a node's name and summary, an episode's content), the embeddings model in batches, then
 * one write per kind. Runs after an extraction is applied, outside its transaction: a thing deleted
 * meanwhile is skipped, and one embedded again later (a node whose summary changed) simply gets a new
 * vector. Returns how many of each kind were stored.
 */
export async function embedAndStore(db: Database, projectId: string, embedder: Embedder, request: EmbedRequest, signal: AbortSignal): Promise<EmbedCounts> {
  const store = new EmbeddingStore(db, projectId);
  const texts = await store.texts({ facts: request.facts ?? [], nodes: request.nodes ?? [], episodes: request.episodes ?? [] });
  // An empty text has no meaning to embed (and OpenAI refuses empty inputs).
  const items = KINDS.flatMap((kind) => texts[kind].filter((item) => item.text.trim().length > 0).map((item) => ({ kind, ...item })));
  const counts: EmbedCounts = { facts: 0, nodes: 0, episodes: 0 };
  if (items.length === 0) return counts;
  const vectors = await embedder.embed(
    items.map((item) => item.text),
    signal,
  );
  for (const kind of KINDS) {
    const rows = items.flatMap((item, index) => (item.kind === kind ? [{ uuid: item.uuid, vector: vectors[index] as number[] }] : []));
    counts[kind] = await store.store(kind, rows);
  }
  return counts;
}
