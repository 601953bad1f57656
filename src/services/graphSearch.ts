import { badUserInput, notFound } from "../errors";
import type { GraphReads, SimilarOptions } from "../db/graphReads";
import type { EntityNodeRecord, EpisodeRecord, FactRecord } from "../model";
import { boundedInt } from "../domain/bounds";
import { fuseRankings } from "../domain/graph/rankFusion";
import { fullTextQuery } from "../domain/graph/searchQuery";

export const MAX_SEARCH_LIMIT = 50;
/** How many full-text hits are reranked by distance: enough that a close but lower-scoring hit can rise. */
const RERANK_POOL = 100;
/**
 * A user's newest facts (nodes, episodes), up to this many, are each scored against the query: the vector
 * indexes are global (every project and user), and a user among a million is a share of them too small
 * for their k nearest to hold. Bounded so that a search reads at most this many vectors of the user's own.
 */
const EXACT_SIMILARITY_MAX = 2000;
/**
 * A larger graph adds the index's nearest that are the user's, asking for many more neighbours than kept:
 * VECTOR_OVERFETCH times the pool, at most MAX_VECTOR_K. Its older items may still be missed.
 */
const VECTOR_OVERFETCH = 10;
const MAX_VECTOR_K = 1000;

export type SearchScope = "EDGES" | "NODES" | "EPISODES";

/** The semantic half of a search, when embeddings are configured. */
export interface SemanticSearch {
  /** The query's vector, or null when the embeddings model cannot answer (the search is then full text only). */
  embed(query: string): Promise<number[] | null>;
  /** The least cosine similarity for a vector hit to count. */
  minSimilarity: number;
}

export interface SearchResults {
  edges: FactRecord[];
  nodes: EntityNodeRecord[];
  episodes: EpisodeRecord[];
}

const FIELDS: Record<SearchScope, readonly string[]> = {
  EDGES: ["fact", "name"],
  NODES: ["name", "summary"],
  EPISODES: ["content"],
};

/**
 * Zep's graph.search over one user's graph: full text by scope and, when embeddings are configured, vector
 * similarity too, the two fused by reciprocal rank (the score becomes the fused one); then, with a center
 * node, Zep's node_distance reranking (fewest hops first, the earlier rank breaking ties; score becomes
 * 1 / (1 + hops)). Without `semantic` it is full text alone, as it always was.
 */
export async function searchGraph(
  reads: GraphReads,
  groupId: string,
  options: { query: string; scope: SearchScope; limit: number; centerNodeUuid: string | null; semantic?: SemanticSearch | null },
): Promise<SearchResults> {
  const { scope, limit, centerNodeUuid } = options;
  boundedInt(limit, "limit", 1, MAX_SEARCH_LIMIT);
  if (options.query.trim().length === 0) throw badUserInput((name) => `${name("query")} must not be blank`, "query");
  const empty: SearchResults = { edges: [], nodes: [], episodes: [] };
  const lucene = fullTextQuery(options.query, groupId, FIELDS[scope]);
  const poolSize = centerNodeUuid ? Math.max(limit, RERANK_POOL) : limit;
  const semantic = options.semantic ? await similarQuery(options.semantic, options.query, poolSize) : null;
  if (lucene === null && semantic === null) return empty;
  const find = <T extends { uuid: string; score: number | null }>(
    fullText: (lucene: string) => Promise<T[]>,
    similar: (vector: number[], options: SimilarOptions) => Promise<T[]>,
  ) => candidates(lucene === null ? null : fullText(lucene), semantic === null ? null : similar(semantic.vector, semantic.options));

  if (scope === "EDGES") {
    const facts = await find(
      (text) => reads.searchFacts(groupId, text, poolSize),
      (vector, similar) => reads.similarFacts(groupId, vector, similar),
    );
    const ranked = await rerank(reads, groupId, centerNodeUuid, facts, (fact) => [fact.sourceNodeUuid, fact.targetNodeUuid]);
    return { ...empty, edges: ranked.slice(0, limit).map(({ item, score }) => ({ ...item, score })) };
  }
  if (scope === "NODES") {
    const nodes = await find(
      (text) => reads.searchNodes(groupId, text, poolSize),
      (vector, similar) => reads.similarNodes(groupId, vector, similar),
    );
    const ranked = await rerank(reads, groupId, centerNodeUuid, nodes, (node) => [node.uuid]);
    return { ...empty, nodes: ranked.slice(0, limit).map(({ item }) => item) };
  }
  const episodes = await find(
    (text) => reads.searchEpisodes(groupId, text, poolSize),
    (vector, similar) => reads.similarEpisodes(groupId, vector, similar),
  );
  // An episode is one hop beyond the nearest node it mentions.
  const ranked = await rerank(reads, groupId, centerNodeUuid, episodes, (episode) => episode.mentioned, 1);
  return { ...empty, episodes: ranked.slice(0, limit).map(({ item }) => item) };
}

/** The query's vector and how to read the user's graph for it; null when the embeddings model gave none to use. */
async function similarQuery(semantic: SemanticSearch, query: string, poolSize: number): Promise<{ vector: number[]; options: SimilarOptions } | null> {
  const vector = await semantic.embed(query);
  // A vector without direction has no cosine with anything: the search goes on by full text.
  if (vector === null || vector.every((x) => x === 0)) return null;
  // The index scores cosine as (1 + cosine) / 2.
  const k = Math.min(MAX_VECTOR_K, poolSize * VECTOR_OVERFETCH);
  return { vector, options: { k, minScore: (1 + semantic.minSimilarity) / 2, limit: poolSize, exactMax: EXACT_SIMILARITY_MAX } };
}

/** Full-text hits alone, as they come; or fused with the vector hits when there are any to fuse. */
async function candidates<T extends { uuid: string; score: number | null }>(fullText: Promise<T[]> | null, similar: Promise<T[]> | null): Promise<T[]> {
  const [text, semantic] = await Promise.all([fullText ?? [], similar ?? []]);
  if (similar === null) return text;
  return fuseRankings([text, semantic], (item) => item.uuid).map(({ item, score }) => ({ ...item, score }));
}

async function rerank<T extends { score: number | null }>(
  reads: GraphReads,
  groupId: string,
  centerNodeUuid: string | null,
  items: readonly T[],
  nodesOf: (item: T) => string[],
  extraHops = 0,
): Promise<{ item: T; score: number | null }[]> {
  if (centerNodeUuid === null) return items.map((item) => ({ item, score: item.score }));
  const distances = await reads.distances(groupId, centerNodeUuid, items.flatMap(nodesOf));
  if (distances === null) throw notFound(`no node with uuid "${centerNodeUuid}" in this user's graph`);
  const hopsOf = (item: T): number => {
    const hops = nodesOf(item)
      .map((uuid) => distances.get(uuid))
      .filter((distance): distance is number => typeof distance === "number");
    return hops.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...hops) + extraHops;
  };
  return items
    .map((item, position) => ({ item, position, hops: hopsOf(item) }))
    .sort((a, b) => a.hops - b.hops || a.position - b.position)
    .map(({ item, hops }) => ({ item, score: Number.isFinite(hops) ? 1 / (1 + hops) : 0 }));
}
