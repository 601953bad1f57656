import { badUserInput, notFound } from "../errors";
import type { GraphReads } from "../db/graphReads";
import type { EntityNodeRecord, EpisodeRecord, FactRecord } from "../model";
import { boundedInt } from "../domain/bounds";
import { fullTextQuery } from "../domain/graph/searchQuery";

export const MAX_SEARCH_LIMIT = 50;
/** How many full-text hits are reranked by distance: enough that a close but lower-scoring hit can rise. */
const RERANK_POOL = 100;

export type SearchScope = "EDGES" | "NODES" | "EPISODES";

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
 * Zep's graph.search over one user's graph: full text by scope, then, with a center node, Zep's
 * node_distance reranking (fewest hops first, full-text score breaking ties; score becomes 1 / (1 + hops)).
 */
export async function searchGraph(
  reads: GraphReads,
  groupId: string,
  options: { query: string; scope: SearchScope; limit: number; centerNodeUuid: string | null },
): Promise<SearchResults> {
  const { scope, limit, centerNodeUuid } = options;
  boundedInt(limit, "limit", 1, MAX_SEARCH_LIMIT);
  if (options.query.trim().length === 0) throw badUserInput((name) => `${name("query")} must not be blank`, "query");
  const empty: SearchResults = { edges: [], nodes: [], episodes: [] };
  const lucene = fullTextQuery(options.query, groupId, FIELDS[scope]);
  if (lucene === null) return empty;
  const poolSize = centerNodeUuid ? Math.max(limit, RERANK_POOL) : limit;

  if (scope === "EDGES") {
    const facts = await reads.searchFacts(groupId, lucene, poolSize);
    const ranked = await rerank(reads, groupId, centerNodeUuid, facts, (fact) => [fact.sourceNodeUuid, fact.targetNodeUuid]);
    return { ...empty, edges: ranked.slice(0, limit).map(({ item, score }) => ({ ...item, score })) };
  }
  if (scope === "NODES") {
    const nodes = await reads.searchNodes(groupId, lucene, poolSize);
    const ranked = await rerank(reads, groupId, centerNodeUuid, nodes, (node) => [node.uuid]);
    return { ...empty, nodes: ranked.slice(0, limit).map(({ item }) => item) };
  }
  const episodes = await reads.searchEpisodes(groupId, lucene, poolSize);
  // An episode is one hop beyond the nearest node it mentions.
  const ranked = await rerank(reads, groupId, centerNodeUuid, episodes, (episode) => episode.mentioned, 1);
  return { ...empty, episodes: ranked.slice(0, limit).map(({ item }) => item) };
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
