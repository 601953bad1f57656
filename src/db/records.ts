// The shapes the db layer hands to resolvers (codegen mappers). They follow what Neo4j stores, with
// Neo4j values already converted to plain JavaScript; resolvers derive the GraphQL fields from them.

export interface UserRecord {
  projectId: string;
  userId: string;
  uuid: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface EntityNodeRecord {
  uuid: string;
  name: string;
  summary: string;
  labels: string[];
  attributes: Record<string, unknown>;
  createdAt: Date;
}

export interface DeletedUserCounts {
  userId: string;
  deletedThreads: number;
  deletedMessages: number;
  deletedFacts: number;
  deletedNodes: number;
}

export interface ThreadRecord {
  threadId: string;
  uuid: string;
  userId: string;
  /** The user's uuid: the world the thread belongs to. */
  userUuid: string;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
  updatedAt: Date;
  messageCount: number;
}

export type Role = "NOROLE" | "SYSTEM" | "ASSISTANT" | "USER" | "FUNCTION" | "TOOL";

export interface MessageRecord {
  uuid: string;
  /** The message's place in its thread: the order in which messages were added. */
  seq: number;
  role: Role;
  name: string | null;
  content: string;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
}

/** One page read with one extra row (see domain/pagination toConnection). */
export interface PageRows<T> {
  rows: T[];
  hasBeyondCursor: boolean;
  totalCount: number;
}

export interface FactRecord {
  uuid: string;
  name: string;
  fact: string;
  sourceNodeUuid: string;
  targetNodeUuid: string;
  createdAt: Date;
  validAt: Date | null;
  invalidAt: Date | null;
  expiredAt: Date | null;
  episodes: string[];
  /** Set in search results only. */
  score: number | null;
}

export type EpisodeSourceName = "TEXT" | "JSON" | "MESSAGE" | "FACT_TRIPLE";

export interface EpisodeRecord {
  uuid: string;
  content: string;
  source: EpisodeSourceName;
  sourceDescription: string | null;
  createdAt: Date;
  threadId: string | null;
}
