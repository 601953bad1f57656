import type { UserCursorKey } from "../db/users";
import { encodeCursor } from "./pagination";

// A user's place in the newest-first order: createdAt, then userId to break ties.

export function userCursor(user: { createdAt: Date; userId: string }): string {
  return encodeCursor([user.createdAt.toISOString(), user.userId]);
}

export function parseUserCursorKey(raw: unknown[]): UserCursorKey | null {
  const [createdAt, userId] = raw;
  if (raw.length !== 2 || typeof createdAt !== "string" || typeof userId !== "string") return null;
  if (Number.isNaN(Date.parse(createdAt)) || new Date(createdAt).toISOString() !== createdAt) return null;
  return { createdAt, userId };
}
