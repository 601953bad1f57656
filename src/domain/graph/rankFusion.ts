/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): each list adds 1 / (RRF_K + rank) to
 * the items it holds, so an item near the top of either list, or fairly high in both, rises. Ranks only:
 * full-text and cosine scores live on different scales and need no calibration against each other.
 */
export const RRF_K = 60;

/**
 * The items of all lists, once each (by `key`, the first list's copy kept), best fused score first; ties
 * keep the order of first appearance, so full-text order (the first list) breaks them.
 */
export function fuseRankings<T>(lists: readonly (readonly T[])[], key: (item: T) => string): { item: T; score: number }[] {
  const fused = new Map<string, { item: T; score: number; first: number }>();
  let seen = 0;
  for (const list of lists) {
    list.forEach((item, index) => {
      const id = key(item);
      const entry = fused.get(id) ?? { item, score: 0, first: seen++ };
      entry.score += 1 / (RRF_K + index + 1);
      fused.set(id, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || a.first - b.first).map(({ item, score }) => ({ item, score }));
}
