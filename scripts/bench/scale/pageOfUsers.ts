// One page of 50 users, each with email, node summary and newest 5 threadIds, asked four ways: usergraph's
// GraphQL; @neo4j/graphql 7 over the same graph (scale/neo4jGraphql.ts), through its Relay connection
// (usersConnection, the counterpart of our users(first:)) and through its plain list (users(limit:));
// and one hand-written Cypher statement through neo4j-driver, the floor that any GraphQL layer adds to.
// All answer the same.
import type { BenchApp } from "../benchApp";
import type { Neo4jGraphql } from "./neo4jGraphql";

export const PAGE = 50;
const THREADS = 5;

/** What each side answers, normalized: per user in page order, [userId, email, summary, threadIds]. */
export type PageAnswer = [string, string | null, string | null, string[]][];

export interface PageSide {
  name: string;
  read(): Promise<PageAnswer>;
  close(): Promise<void>;
}

const USERGRAPH_QUERY = `query PageOfUsers {
  users(first: ${PAGE}) { edges { node { userId email node { summary } threads(first: ${THREADS}) { edges { node { threadId } } } } } }
}`;

export function usergraphSide(app: BenchApp): PageSide {
  interface Data {
    users: { edges: { node: { userId: string; email: string | null; node: { summary: string } | null; threads: { edges: { node: { threadId: string } }[] } } }[] };
  }
  return {
    name: "usergraph",
    read: async () => {
      const data = await app.execute<Data>(USERGRAPH_QUERY);
      return data.users.edges.map(({ node: u }) => [u.userId, u.email, u.node?.summary ?? null, u.threads.edges.map((e) => e.node.threadId)]);
    },
    close: () => Promise.resolve(),
  };
}

// Newest first with userId breaking ties, as users(first:) orders; threads likewise by threadId.
const NEO4J_GRAPHQL_CONNECTION = `query PageOfUsers($projectId: String!) {
  usersConnection(first: ${PAGE}, where: { projectId: { eq: $projectId } }, sort: [{ createdAt: DESC }, { userId: DESC }]) {
    edges { node {
      userId email node { summary }
      threadsConnection(first: ${THREADS}, sort: [{ node: { createdAt: DESC } }, { node: { threadId: DESC } }]) { edges { node { threadId } } }
    } }
  }
}`;

const NEO4J_GRAPHQL_LIST = `query PageOfUsers($projectId: String!) {
  users(limit: ${PAGE}, where: { projectId: { eq: $projectId } }, sort: [{ createdAt: DESC }, { userId: DESC }]) {
    userId email node { summary }
    threads(limit: ${THREADS}, sort: [{ createdAt: DESC }, { threadId: DESC }]) { threadId }
  }
}`;

interface ListedUser {
  userId: string;
  email: string | null;
  node: { summary: string }[];
  threads: { threadId: string }[];
}

interface ConnectedUser {
  userId: string;
  email: string | null;
  node: { summary: string }[];
  threadsConnection: { edges: { node: { threadId: string } }[] };
}

/** @neo4j/graphql's two ways to page, each a side: its Relay connection and its plain list. */
export function neo4jGraphqlSides(peer: Neo4jGraphql): PageSide[] {
  const connection: PageSide = {
    name: "@neo4j/graphql 7, usersConnection",
    read: async () =>
      (await peer.execute<{ usersConnection: { edges: { node: ConnectedUser }[] } }>(NEO4J_GRAPHQL_CONNECTION)).usersConnection.edges.map(
        ({ node: u }) => [u.userId, u.email, u.node[0]?.summary ?? null, u.threadsConnection.edges.map((e) => e.node.threadId)],
      ),
    close: () => Promise.resolve(),
  };
  const list: PageSide = {
    name: "@neo4j/graphql 7, users(limit:)",
    read: async () =>
      (await peer.execute<{ users: ListedUser[] }>(NEO4J_GRAPHQL_LIST)).users.map((u) => [u.userId, u.email, u.node[0]?.summary ?? null, u.threads.map((t) => t.threadId)]),
    close: () => Promise.resolve(),
  };
  return [connection, list];
}

// The best single statement we know: ordering by the properties of user_project_created_at_user_id
// (projectId, createdAt, userId), which every user has, lets Neo4j read that index backwards and stop after
// the page instead of sorting the project. A composite index serves only a query with a predicate on each
// of its properties, hence the two IS NOT NULL; the hint keeps the planner from the (projectId, userId)
// index of the userId constraint, which would leave the whole project to sort (as user.page-forward does).
const RAW_STATEMENT = `
MATCH (u:User {projectId: $projectId})
USING INDEX u:User(projectId, createdAt, userId)
WHERE u.createdAt IS NOT NULL AND u.userId IS NOT NULL
WITH u ORDER BY u.projectId DESC, u.createdAt DESC, u.userId DESC LIMIT $limit
RETURN u.userId AS userId, u.email AS email,
  [(u)-[:HAS_NODE]->(n:Entity) | n.summary][0] AS summary,
  COLLECT { MATCH (u)-[:HAS_THREAD]->(t:Thread) RETURN t.threadId ORDER BY t.createdAt DESC, t.threadId DESC LIMIT ${THREADS} } AS threads`;

export function rawDriverSide(app: BenchApp): PageSide {
  return {
    name: "neo4j-driver, one statement",
    read: async () => {
      const rows = await app.baseline.readAutoCommit(RAW_STATEMENT, { projectId: app.projectId, limit: PAGE });
      return rows.map((row) => [row.userId as string, row.email as string | null, row.summary as string | null, row.threads as string[]]);
    },
    close: () => Promise.resolve(),
  };
}
