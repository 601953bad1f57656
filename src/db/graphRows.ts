import type { Row } from "./database";
import type { EpisodeRecord, EpisodeSourceName, FactRecord } from "./records";

// Rows come from `f {.*, sourceNodeUuid, targetNodeUuid}` / `e {.*}` projections, already converted by toNative.

export function toFactRecord(row: Row): FactRecord {
  return {
    uuid: row.uuid as string,
    name: row.name as string,
    fact: row.fact as string,
    sourceNodeUuid: row.sourceNodeUuid as string,
    targetNodeUuid: row.targetNodeUuid as string,
    createdAt: row.createdAt as Date,
    validAt: (row.validAt as Date | null) ?? null,
    invalidAt: (row.invalidAt as Date | null) ?? null,
    expiredAt: (row.expiredAt as Date | null) ?? null,
    episodes: (row.episodes as string[] | null) ?? [],
    score: typeof row.score === "number" ? row.score : null,
  };
}

export function toEpisodeRecord(row: Row): EpisodeRecord {
  return {
    uuid: row.uuid as string,
    content: row.content as string,
    source: row.source as EpisodeSourceName,
    sourceDescription: (row.sourceDescription as string | null) ?? null,
    createdAt: row.createdAt as Date,
    threadId: (row.threadId as string | null) ?? null,
  };
}
