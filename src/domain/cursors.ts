import { badUserInput } from "../errors";
import type { InstantIdKey, SeqKey } from "../model";

/**
 * Keyset cursors, one encoder and one parser per key shape. A cursor is an item's sort key, JSON-encoded and
 * base64url'd: opaque to clients, stable while items are added, and checked on the way back in so that a
 * malformed one is a BAD_USER_INPUT, never a database error.
 */

export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** A cursor's key, or null when it is not one this kind of cursor encodes. */
export type KeyParser<Key> = (raw: unknown[]) => Key | null;

/** Decodes a cursor and checks it with `parseKey`. */
export function decodeCursor<Key>(cursor: string, parseKey: KeyParser<Key>, field: string): Key {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    raw = undefined;
  }
  const key = Array.isArray(raw) ? parseKey(raw) : null;
  if (key === null) throw badUserInput((name) => `${name(field)} is not a cursor this connection issued: "${cursor}"`, field);
  return key;
}

// Newest-first orders by an instant, with an id breaking ties: users (userId), threads (threadId), facts and
// graph nodes (uuid).
export function instantIdCursor(createdAt: Date, id: string): string {
  return encodeCursor([createdAt.toISOString(), id]);
}

export const parseInstantIdKey: KeyParser<InstantIdKey> = (raw) => {
  const [createdAt, id] = raw;
  if (raw.length !== 2 || typeof createdAt !== "string" || typeof id !== "string") return null;
  if (Number.isNaN(Date.parse(createdAt)) || new Date(createdAt).toISOString() !== createdAt) return null;
  return { createdAt, id };
};

/** The key of an item in an instant-and-id order, for reading on after it. */
export function instantIdKeyOf(createdAt: Date, id: string): InstantIdKey {
  return { createdAt: createdAt.toISOString(), id };
}

// Messages: their sequence number in the thread, the order in which they were added.
export function seqCursor(seq: number): string {
  return encodeCursor([seq]);
}

export const parseSeqKey: KeyParser<SeqKey> = (raw) => {
  const [seq] = raw;
  return raw.length === 1 && Number.isSafeInteger(seq) && (seq as number) >= 0 ? { seq: seq as number } : null;
};

// Each item's cursor, in the connection it is listed in.
export const userCursor = (user: { createdAt: Date; userId: string }) => instantIdCursor(user.createdAt, user.userId);
export const threadCursor = (thread: { createdAt: Date; threadId: string }) => instantIdCursor(thread.createdAt, thread.threadId);
export const uuidCursor = (item: { createdAt: Date; uuid: string }) => instantIdCursor(item.createdAt, item.uuid);
export const messageCursor = (message: { seq: number }) => seqCursor(message.seq);
