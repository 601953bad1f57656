import { unflattenMetadata } from "../domain/metadata";
import type {
  ContextEntity,
  ContextFact,
  EntityNodeRecord,
  EpisodeRecord,
  EpisodeSourceName,
  FactRecord,
  MessageRecord,
  Role,
  ThreadRecord,
  UserRecord,
} from "../model";
import type { Row } from "./row";

// The model's records from the projections the statements return (`u {.*}`, `t {.threadId, …, createdAt:
// t.createdAt.epochMillis}`, …): one reader per record, so every statement that returns a kind of node agrees
// on it. List statements project only the columns read here, instants as epoch milliseconds.

const ROLES: readonly Role[] = ["NOROLE", "SYSTEM", "ASSISTANT", "USER", "FUNCTION", "TOOL"];
const EPISODE_SOURCES: readonly EpisodeSourceName[] = ["TEXT", "JSON", "MESSAGE", "FACT_TRIPLE"];

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`stored ${what} "${value}" is not one of ${allowed.join(", ")}`);
  return found;
}

function jsonObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("stored metadata is not a JSON object");
  return value as Record<string, unknown>;
}

export function toUserRecord(row: Row): UserRecord {
  return {
    projectId: row.string("projectId"),
    userId: row.string("userId"),
    uuid: row.string("uuid"),
    email: row.optionalString("email"),
    firstName: row.optionalString("firstName"),
    lastName: row.optionalString("lastName"),
    metadata: unflattenMetadata(row.optionalStrings("metadataKeys"), row.optionalStrings("metadataValues")),
    createdAt: row.date("createdAt"),
    updatedAt: row.date("updatedAt"),
  };
}

export function toEntityNodeRecord(row: Row): EntityNodeRecord {
  return {
    uuid: row.string("uuid"),
    groupId: row.string("groupId"),
    name: row.string("name"),
    summary: row.optionalString("summary") ?? "",
    labels: row.optionalStrings("labels") ?? ["Entity"],
    attributes: jsonObject(row.optionalString("attributes")) ?? {},
    createdAt: row.date("createdAt"),
  };
}

export function toThreadRecord(row: Row): ThreadRecord {
  return {
    threadId: row.string("threadId"),
    uuid: row.string("uuid"),
    userId: row.string("userId"),
    userUuid: row.string("groupId"),
    metadata: jsonObject(row.optionalString("metadata")),
    createdAt: row.date("createdAt"),
    updatedAt: row.date("updatedAt"),
    messageCount: row.number("messageCount"),
  };
}

export function toMessageRecord(row: Row): MessageRecord {
  return {
    uuid: row.string("uuid"),
    seq: row.number("seq"),
    role: oneOf(row.string("role"), ROLES, "role"),
    name: row.optionalString("name"),
    content: row.string("content"),
    metadata: jsonObject(row.optionalString("metadata")),
    createdAt: row.date("createdAt"),
  };
}

export function toFactRecord(row: Row): FactRecord {
  return {
    uuid: row.string("uuid"),
    groupId: row.string("groupId"),
    name: row.string("name"),
    fact: row.string("fact"),
    sourceNodeUuid: row.string("sourceNodeUuid"),
    targetNodeUuid: row.string("targetNodeUuid"),
    createdAt: row.date("createdAt"),
    validAt: row.optionalDate("validAt"),
    invalidAt: row.optionalDate("invalidAt"),
    expiredAt: row.optionalDate("expiredAt"),
    episodes: row.optionalStrings("episodes") ?? [],
    score: row.optionalNumber("score"),
  };
}

export function toEpisodeRecord(row: Row): EpisodeRecord {
  return {
    uuid: row.string("uuid"),
    content: row.string("content"),
    source: oneOf(row.string("source"), EPISODE_SOURCES, "episode source"),
    sourceDescription: row.optionalString("sourceDescription"),
    createdAt: row.date("createdAt"),
    threadId: row.optionalString("threadId"),
  };
}

function toContextEntity(row: Row): ContextEntity {
  return { uuid: row.string("uuid"), name: row.string("name"), labels: row.optionalStrings("labels") ?? ["Entity"], summary: row.optionalString("summary") ?? "" };
}

/** A fact of a context block, with its two nodes (context.facts returns them beside the fact's own columns). */
export function toContextFact(row: Row): ContextFact {
  const source = toContextEntity(row.row("source"));
  const target = toContextEntity(row.row("target"));
  return { ...toFactRecord(row.with({ sourceNodeUuid: source.uuid, targetNodeUuid: target.uuid })), source, target };
}
