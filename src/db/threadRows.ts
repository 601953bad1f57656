import type { Row } from "./database";
import type { MessageRecord, Role, ThreadRecord } from "./records";

// Rows come from `t {.*}` / `m {.*}` projections, already converted by toNative.

function parseJsonObject(text: unknown): Record<string, unknown> | null {
  return typeof text === "string" ? (JSON.parse(text) as Record<string, unknown>) : null;
}

export function toThreadRecord(row: Row): ThreadRecord {
  return {
    threadId: row.threadId as string,
    uuid: row.uuid as string,
    userId: row.userId as string,
    userUuid: row.groupId as string,
    metadata: parseJsonObject(row.metadata),
    createdAt: row.createdAt as Date,
    updatedAt: row.updatedAt as Date,
    messageCount: row.messageCount as number,
  };
}

export function toMessageRecord(row: Row): MessageRecord {
  return {
    uuid: row.uuid as string,
    seq: row.seq as number,
    role: row.role as Role,
    name: (row.name as string | null) ?? null,
    content: row.content as string,
    metadata: parseJsonObject(row.metadata),
    createdAt: row.createdAt as Date,
  };
}
