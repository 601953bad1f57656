import DataLoader from "dataloader";
import type { Page } from "../model";

/** A page of one parent's children: which parent, and the page arguments its field was called with. */
export interface PageKey<Request> {
  parentUuid: string;
  request: Request;
}

/**
 * A loader for a connection field under a list of parents (User.threads, Thread.messages). Parents asked
 * with the same arguments (the usual case: one field in one query) share one statement; each distinct
 * set of arguments costs one more.
 */
export type PageLoader<Request, Item> = DataLoader<PageKey<Request>, Page<Item>, string>;

/**
 * A connection field's pages and its parent's total. The total is a separate read, through a batched
 * count loader, made only when a client asks for it (see LazyCount): a page never pays for counting.
 */
export interface ConnectionLoader<Request, Item> {
  pages: PageLoader<Request, Item>;
  count(parentUuid: string, request: Request): Promise<number>;
}

export function createPageLoader<Request, Item>(
  fetchPages: (parentUuids: string[], request: Request) => Promise<Page<Item>[]>,
  name: string,
): PageLoader<Request, Item> {
  const cacheKeyOf = (key: PageKey<Request>): string => JSON.stringify([key.parentUuid, key.request]);
  return new DataLoader(
    async (keys) => {
      const groups = new Map<string, { request: Request; positions: number[] }>();
      keys.forEach((key, position) => {
        const requestKey = JSON.stringify(key.request);
        const group = groups.get(requestKey) ?? { request: key.request, positions: [] };
        group.positions.push(position);
        groups.set(requestKey, group);
      });
      const results = new Array<Page<Item>>(keys.length);
      await Promise.all(
        [...groups.values()].map(async ({ request, positions }) => {
          const pages = await fetchPages(positions.map((position) => (keys[position] as PageKey<Request>).parentUuid), request);
          positions.forEach((position, index) => {
            results[position] = pages[index] as Page<Item>;
          });
        }),
      );
      return results;
    },
    { cacheKeyFn: cacheKeyOf, name },
  );
}
