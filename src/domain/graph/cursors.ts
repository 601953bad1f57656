import type { TimeUuidCursorKey } from "../../db/graphReads";
import { encodeCursor } from "../pagination";
import { parseUserCursorKey } from "../userCursor";

// Facts and graph nodes are ordered newest first by createdAt, then uuid: their cursor is that pair,
// checked like a user's (an instant and an id).
export function timeUuidCursor(item: { createdAt: Date; uuid: string }): string {
  return encodeCursor([item.createdAt.toISOString(), item.uuid]);
}

export function parseTimeUuidCursorKey(raw: unknown[]): TimeUuidCursorKey | null {
  const key = parseUserCursorKey(raw);
  return key === null ? null : { createdAt: key.createdAt, uuid: key.userId };
}
