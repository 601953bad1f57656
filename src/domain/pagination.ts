import { badUserInput } from "../errors";
import type { Connection, ConnectionArgs, PageRequest } from "../model";
import { boundedInt } from "./bounds";
import { type KeyParser, decodeCursor } from "./cursors";

/** Relay connections over keyset cursors (see cursors.ts), and Zep's numbered pages. */

export function parsePageRequest<Key>(
  args: ConnectionArgs,
  limits: { defaultSize: number; maxSize: number },
  parseKey: KeyParser<Key>,
): PageRequest<Key> {
  const forward = args.first != null || args.after != null;
  const backward = args.last != null || args.before != null;
  if (forward && backward) {
    throw badUserInput(
      (name) => `use ${name("first")}/${name("after")} to page forward or ${name("last")}/${name("before")} to page back, not both`,
      "first",
    );
  }
  const size = boundedInt((backward ? args.last : args.first) ?? limits.defaultSize, backward ? "last" : "first", 1, limits.maxSize);
  const rawCursor = backward ? args.before : args.after;
  return {
    direction: backward ? "backward" : "forward",
    size,
    cursor: rawCursor == null ? null : decodeCursor(rawCursor, parseKey, backward ? "before" : "after"),
  };
}

/**
 * Builds the connection from a page read with one extra row. `rows` are in reading order: connection order
 * going forward, nearest-to-the-cursor first going back. `hasBeyondCursor` says whether items exist on the
 * other side of the cursor.
 */
export function toConnection<T>(
  request: PageRequest<unknown>,
  rows: readonly T[],
  hasBeyondCursor: boolean,
  cursorOf: (item: T) => string,
): Connection<T> {
  const more = rows.length > request.size;
  const page = rows.slice(0, request.size);
  const ordered = request.direction === "forward" ? page : [...page].reverse();
  const edges = ordered.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: request.direction === "forward" ? more : hasBeyondCursor,
      hasPreviousPage: request.direction === "forward" ? hasBeyondCursor : more,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Connections: 20 items a page unless asked, 100 at most. */
export const CONNECTION_PAGE_LIMITS = { defaultSize: 20, maxSize: 100 } as const;

/** The page size of every list and search that takes a `limit`, `last` or `pageSize` and is not given one. */
export const DEFAULT_LIST_SIZE = 10;

/** Zep-style numbered pages (list_ordered, list_all): pageNumber from 1, pageSize 1 to 1000. */
export const NUMBERED_PAGE_MAX_SIZE = 1000;

export function parseNumberedPage(pageNumber: number | null | undefined, pageSize: number | null | undefined): {
  skip: number;
  limit: number;
} {
  const number = pageNumber ?? 1;
  if (!Number.isInteger(number) || number < 1) {
    throw badUserInput((name) => `${name("pageNumber")} must be 1 or more; got ${number}`, "pageNumber");
  }
  const size = boundedInt(pageSize ?? DEFAULT_LIST_SIZE, "pageSize", 1, NUMBERED_PAGE_MAX_SIZE);
  return { skip: (number - 1) * size, limit: size };
}
