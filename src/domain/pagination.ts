import { badUserInput } from "../errors";

/**
 * Relay connections with keyset cursors. A cursor is the sort key of an item (for users, createdAt and
 * userId), JSON-encoded and base64url'd: opaque to clients, stable while items are added, and checked
 * on the way back in so that a malformed one is a BAD_USER_INPUT, never a database error.
 */

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageRequest<Key> {
  direction: "forward" | "backward";
  size: number;
  cursor: Key | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** Decodes a cursor and checks it with `parseKey`, which returns the key or null when the shape is wrong. */
export function decodeCursor<Key>(cursor: string, parseKey: (raw: unknown[]) => Key | null, argument: string): Key {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    raw = undefined;
  }
  const key = Array.isArray(raw) ? parseKey(raw) : null;
  if (key === null) throw badUserInput(`${argument} is not a cursor this connection issued: "${cursor}"`, argument);
  return key;
}

export function parsePageRequest<Key>(
  args: ConnectionArgs,
  limits: { defaultSize: number; maxSize: number },
  parseKey: (raw: unknown[]) => Key | null,
): PageRequest<Key> {
  const forward = args.first != null || args.after != null;
  const backward = args.last != null || args.before != null;
  if (forward && backward) {
    throw badUserInput("use first/after to page forward or last/before to page back, not both", "first");
  }
  const argument = backward ? "last" : "first";
  const size = (backward ? args.last : args.first) ?? limits.defaultSize;
  if (!Number.isInteger(size) || size < 1 || size > limits.maxSize) {
    throw badUserInput(`${argument} must be between 1 and ${limits.maxSize}; got ${size}`, argument);
  }
  const cursorArgument = backward ? "before" : "after";
  const rawCursor = backward ? args.before : args.after;
  return {
    direction: backward ? "backward" : "forward",
    size,
    cursor: rawCursor == null ? null : decodeCursor(rawCursor, parseKey, cursorArgument),
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

/** Zep-style numbered pages (list_ordered, list_all): pageNumber from 1, pageSize 1 to 1000. */
export const NUMBERED_PAGE_MAX_SIZE = 1000;

export function parseNumberedPage(pageNumber: number | null | undefined, pageSize: number | null | undefined): {
  skip: number;
  limit: number;
} {
  const number = pageNumber ?? 1;
  const size = pageSize ?? 10;
  if (!Number.isInteger(number) || number < 1) {
    throw badUserInput(`pageNumber must be 1 or more; got ${number}`, "pageNumber");
  }
  if (!Number.isInteger(size) || size < 1 || size > NUMBERED_PAGE_MAX_SIZE) {
    throw badUserInput(`pageSize must be between 1 and ${NUMBERED_PAGE_MAX_SIZE}; got ${size}`, "pageSize");
  }
  return { skip: (number - 1) * size, limit: size };
}
