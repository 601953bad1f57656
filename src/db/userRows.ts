import { unflattenMetadata } from "../domain/metadata";
import type { EntityNodeRecord, UserRecord } from "./records";
import type { Row } from "./database";

// Rows come from `u {.*}` / `n {.*}` projections, already converted by toNative.

export function toUserRecord(row: Row): UserRecord {
  return {
    projectId: row.projectId as string,
    userId: row.userId as string,
    uuid: row.uuid as string,
    email: (row.email as string | null) ?? null,
    firstName: (row.firstName as string | null) ?? null,
    lastName: (row.lastName as string | null) ?? null,
    metadata: unflattenMetadata(
      (row.metadataKeys as string[] | null) ?? null,
      (row.metadataValues as string[] | null) ?? null,
    ),
    createdAt: row.createdAt as Date,
    updatedAt: row.updatedAt as Date,
  };
}

export function toEntityNodeRecord(row: Row): EntityNodeRecord {
  return {
    uuid: row.uuid as string,
    name: row.name as string,
    summary: (row.summary as string | null) ?? "",
    labels: (row.labels as string[] | null) ?? ["Entity"],
    attributes: row.attributes ? (JSON.parse(row.attributes as string) as Record<string, unknown>) : {},
    createdAt: row.createdAt as Date,
  };
}
