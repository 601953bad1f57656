// Reading a whole Relay connection a page at a time, forward from the start or back from the end, checking
// on every page what pageInfo says about the pages around it.

export interface ConnectionPage<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Every node, first page first: `page(after)` reads `first: size` after the cursor (null: from the start). */
export async function walkForward<T>(size: number, page: (after: string | null) => Promise<ConnectionPage<T>>): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const current = await page(after);
    expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
    nodes.push(...current.edges.map((edge) => edge.node));
    if (!current.pageInfo.hasNextPage) {
      expect(current.edges.length).toBeLessThanOrEqual(size);
      return nodes;
    }
    expect(current.edges).toHaveLength(size);
    after = current.pageInfo.endCursor;
  }
}

/** Every node, in connection order, read from the last page back: `page(before)` reads `last: size`. */
export async function walkBackward<T>(size: number, page: (before: string | null) => Promise<ConnectionPage<T>>): Promise<T[]> {
  const pages: T[][] = [];
  let before: string | null = null;
  for (;;) {
    const current = await page(before);
    expect(current.pageInfo.hasNextPage).toBe(before !== null);
    pages.unshift(current.edges.map((edge) => edge.node));
    if (!current.pageInfo.hasPreviousPage) {
      expect(current.edges.length).toBeLessThanOrEqual(size);
      return pages.flat();
    }
    expect(current.edges).toHaveLength(size);
    before = current.pageInfo.startCursor;
  }
}

/** Newest first by an instant, then by an id, both descending: the order of every instant-keyed list. */
export function newestFirst<T>(items: readonly T[], instantOf: (item: T) => number, idOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => instantOf(b) - instantOf(a) || compareText(idOf(b), idOf(a)));
}

/** Cypher's string order for the ASCII ids the tests make. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
