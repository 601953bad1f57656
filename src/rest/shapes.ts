import type { EntityNodeRecord, EpisodeRecord, FactRecord, MessageRecord, ThreadRecord, UserRecord } from "../model";

// Records as Zep's JSON: snake_case names, ISO-8601 instants, lower-case enums. The SDKs deserialize these
// shapes by name (User, Thread, Message, EntityNode, EntityEdge, Episode), so the names are Zep's exactly;
// fields Zep has and usergraph does not (project_uuid, graph_uuid, …) are left out, as the SDKs allow.

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** Search results carry a relevance score; other reads do not, and then the field is left out. */
function score(record: object): { score?: number } {
  const value: unknown = (record as { score?: unknown }).score;
  return typeof value === "number" ? { score: value } : {};
}

export function zepUser(user: UserRecord) {
  return {
    uuid: user.uuid,
    user_id: user.userId,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    metadata: user.metadata,
    created_at: iso(user.createdAt),
    updated_at: iso(user.updatedAt),
  };
}

export function zepThread(thread: ThreadRecord) {
  return {
    uuid: thread.uuid,
    thread_id: thread.threadId,
    user_id: thread.userId,
    user_uuid: thread.userUuid,
    metadata: thread.metadata,
    created_at: iso(thread.createdAt),
    updated_at: iso(thread.updatedAt),
  };
}

export function zepMessage(message: MessageRecord) {
  return {
    uuid: message.uuid,
    role: message.role.toLowerCase(),
    name: message.name,
    content: message.content,
    metadata: message.metadata,
    created_at: iso(message.createdAt),
    processed: message.processed,
  };
}

export function zepNode(node: EntityNodeRecord) {
  return {
    uuid: node.uuid,
    name: node.name,
    summary: node.summary,
    labels: node.labels,
    attributes: node.attributes,
    created_at: iso(node.createdAt),
    ...score(node),
  };
}

export function zepEdge(fact: FactRecord) {
  return {
    uuid: fact.uuid,
    name: fact.name,
    fact: fact.fact,
    source_node_uuid: fact.sourceNodeUuid,
    target_node_uuid: fact.targetNodeUuid,
    created_at: iso(fact.createdAt),
    valid_at: iso(fact.validAt),
    invalid_at: iso(fact.invalidAt),
    expired_at: iso(fact.expiredAt),
    episodes: fact.episodes,
    ...score(fact),
  };
}

export function zepEpisode(episode: EpisodeRecord) {
  return {
    uuid: episode.uuid,
    content: episode.content,
    source: episode.source.toLowerCase(),
    source_description: episode.sourceDescription,
    thread_id: episode.threadId,
    created_at: iso(episode.createdAt),
    processed: episode.processed,
    ...score(episode),
  };
}
