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
