// The model: the shapes every layer speaks. Stores return them, services and loaders pass them on, resolvers
// and REST handlers render them (they are codegen's mappers), so each is defined here once. They follow what
// Neo4j stores, with its values already converted to plain JavaScript.

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
  /** The world the node belongs to: its user's uuid. */
  groupId: string;
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
  /** The ingestion of the message's episode has ended (DONE or FAILED). */
  processed: boolean;
}

export interface FactRecord {
  uuid: string;
  /** The world the fact belongs to: its user's uuid. */
  groupId: string;
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

/** Where an episode stands in the ingestion pipeline. */
export type ProcessingState = "PENDING" | "PROCESSING" | "DONE" | "FAILED";

export interface EpisodeRecord {
  uuid: string;
  content: string;
  source: EpisodeSourceName;
  sourceDescription: string | null;
  createdAt: Date;
  threadId: string | null;
  processingState: ProcessingState;
  /** The pipeline is done with it: DONE or FAILED. */
  processed: boolean;
  /** Why the last attempt failed (FAILED, or PENDING before a retry). */
  failureReason: string | null;
}

/** What Thread.userContext is made from: the user's world, summary and the thread's latest messages. */
export interface ContextInputs {
  groupId: string;
  userSummary: string;
  recent: string[];
}

export interface ContextEntity {
  uuid: string;
  name: string;
  labels: string[];
  summary: string;
}

export type ContextFact = FactRecord & { source: ContextEntity; target: ContextEntity };

// Orders of the numbered (Zep-style) lists.
export type UserOrder = "CREATED_AT" | "USER_ID" | "EMAIL";
export type ThreadOrder = "CREATED_AT" | "UPDATED_AT" | "USER_ID" | "THREAD_ID";

// Cursor keys: an item's place in its order. Users, threads, facts and graph nodes are ordered newest first
// by an instant with an id to break ties (userId, threadId or uuid); messages by their number in the thread.
export interface InstantIdKey {
  createdAt: string;
  id: string;
}

export interface SeqKey {
  seq: number;
}

export interface PageRequest<Key> {
  direction: "forward" | "backward";
  size: number;
  cursor: Key | null;
}

/** One page of a parent's children, read with one extra row (see domain/pagination toConnection). */
export interface Page<T> {
  rows: T[];
  hasBeyondCursor: boolean;
}

/** A page whose statement also counted the whole list (the users connection). */
export type PageRows<T> = Page<T> & { totalCount: number };

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/**
 * A count read only when asked for. GraphQL calls it only when `totalCount` is selected (graphql-js's default
 * resolver calls a function-valued property); REST awaits it where Zep's answer carries a total. A list that
 * knows it will be asked starts it alongside its page (services/totalAlongside).
 */
export type LazyCount = () => Promise<number>;

export type CountedConnection<T> = Connection<T> & { totalCount: LazyCount };

// The connections and numbered pages as resolvers receive them (codegen mappers).
export type UserConnectionRecord = CountedConnection<UserRecord>;
export type ThreadConnectionRecord = CountedConnection<ThreadRecord>;
export type MessageConnectionRecord = CountedConnection<MessageRecord>;
export type FactConnectionRecord = CountedConnection<FactRecord>;
export type EntityNodeConnectionRecord = CountedConnection<EntityNodeRecord>;

export interface UserListPage {
  users: UserRecord[];
  rowCount: number;
  totalCount: LazyCount;
}

export interface ThreadListPage {
  threads: ThreadRecord[];
  responseCount: number;
  totalCount: LazyCount;
}

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}
