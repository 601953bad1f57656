import type { ConnectionLoader } from "../loaders/pageLoader";
import type { CountedConnection, PageRequest } from "../model";
import { CONNECTION_PAGE_LIMITS, toConnection } from "../domain/pagination";

/**
 * A connection field under a parent: one page through the parent's page loader (batched with the same field
 * under the other parents), each item primed into the loader that finds it by id, then the Relay shape. Its
 * totalCount goes through the connection's count loader, and only when called (see LazyCount).
 */
export async function loadConnection<Request extends PageRequest<unknown>, Item>(
  connection: ConnectionLoader<Request, Item>,
  parentUuid: string,
  request: Request,
  cursorOf: (item: Item) => string,
  prime: (item: Item) => void = () => undefined,
): Promise<CountedConnection<Item>> {
  const page = await connection.pages.load({ parentUuid, request });
  page.rows.forEach(prime);
  return { ...toConnection(request, page.rows, page.hasBeyondCursor, cursorOf), totalCount: () => connection.count(parentUuid, request) };
}

/**
 * Every child of a parent, in the connection's order, for the Zep routes that list without paging: read a
 * page at a time at the largest page size, so a parent with many children costs one statement per 100.
 */
export async function readAllPages<Key, Item, Extra extends object>(
  connection: Pick<ConnectionLoader<PageRequest<Key> & Extra, Item>, "pages">,
  parentUuid: string,
  keyOf: (item: Item) => Key,
  extra: Extra,
  prime: (item: Item) => void = () => undefined,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: Key | null = null;
  for (;;) {
    const request: PageRequest<Key> & Extra = { ...extra, direction: "forward", size: CONNECTION_PAGE_LIMITS.maxSize, cursor };
    const page = await connection.pages.load({ parentUuid, request });
    const rows = page.rows.slice(0, request.size);
    rows.forEach(prime);
    items.push(...rows);
    const last = rows[rows.length - 1];
    if (page.rows.length <= request.size || last === undefined) return items;
    cursor = keyOf(last);
  }
}
