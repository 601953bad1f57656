import type { MessageCursorKey, ThreadCursorKey } from "../db/threads";
import { encodeCursor } from "./pagination";
import { parseUserCursorKey } from "./userCursor";

// A thread's place in newest-first order: createdAt, then threadId to break ties. The key has the same
// shape as a user's (an instant and an id), so it is checked the same way.
export function threadCursor(thread: { createdAt: Date; threadId: string }): string {
  return encodeCursor([thread.createdAt.toISOString(), thread.threadId]);
}

export function parseThreadCursorKey(raw: unknown[]): ThreadCursorKey | null {
  const key = parseUserCursorKey(raw);
  return key === null ? null : { createdAt: key.createdAt, threadId: key.userId };
}

// A message's place is its sequence number in the thread: the order in which messages were added.
export function messageCursor(message: { seq: number }): string {
  return encodeCursor([message.seq]);
}

export function parseMessageCursorKey(raw: unknown[]): MessageCursorKey | null {
  const [seq] = raw;
  return raw.length === 1 && Number.isSafeInteger(seq) && (seq as number) >= 0 ? { seq: seq as number } : null;
}
