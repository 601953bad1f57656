// One page of 50 users, each with email, node summary and newest 5 threadIds, asked four ways: usergraph's
// GraphQL; @neo4j/graphql 7 over the same graph (its schema generated from type definitions that describe
// our labels and relationships, served by Apollo Server in this process), through its Relay connection
// (usersConnection, the counterpart of our users(first:)) and through its plain list (users(limit:));
// and one hand-written Cypher statement through neo4j-driver, the floor that any GraphQL layer adds to.
// All answer the same.
import { ApolloServer } from "@apollo/server";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";
import type { BenchApp } from "../benchApp";
import type { BenchNeo4j } from "../neo4j";

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

// The graph as @neo4j/graphql sees it: our labels, properties and relationships, read-only. A user has one
// HAS_NODE, but the library models every relationship as a list.
const TYPE_DEFS = `#graphql
type User @node @mutation(operations: []) {
  projectId: String!
  userId: ID!
  uuid: ID!
  email: String
  firstName: String
  lastName: String
  createdAt: DateTime!
  updatedAt: DateTime!
  node: [Entity!]! @relationship(type: "HAS_NODE", direction: OUT)
  threads: [Thread!]! @relationship(type: "HAS_THREAD", direction: OUT)
}
type Entity @node @mutation(operations: []) {
  uuid: ID!
  name: String!
  summary: String!
  labels: [String!]!
  createdAt: DateTime!
}
type Thread @node @mutation(operations: []) {
  projectId: String!
  threadId: ID!
  uuid: ID!
  userId: ID!
  createdAt: DateTime!
  updatedAt: DateTime!
  messages: [Message!]! @relationship(type: "HAS_MESSAGE", direction: OUT)
}
type Message @node @mutation(operations: []) {
  uuid: ID!
  seq: Int!
  role: String!
  name: String
  content: String!
  createdAt: DateTime!
}
`;

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
export async function neo4jGraphqlSides(target: BenchNeo4j, projectId: string): Promise<PageSide[]> {
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password));
  const schema = await new Neo4jGraphQL({ typeDefs: TYPE_DEFS, driver }).getSchema();
  const server = new ApolloServer({ schema });
  await server.start();
  const execute = async <T>(query: string): Promise<T> => {
    const response = await server.executeOperation(
      { query, variables: { projectId } },
      { contextValue: { executionContext: driver, sessionConfig: { database: target.database } } },
    );
    if (response.body.kind !== "single") throw new Error("expected a single GraphQL result");
    const { data, errors } = response.body.singleResult;
    if (errors?.length) throw new Error(`@neo4j/graphql: ${errors.map((e) => e.message).join("; ")}`);
    return data as T;
  };
  const connection: PageSide = {
    name: "@neo4j/graphql 7, usersConnection",
    read: async () =>
      (await execute<{ usersConnection: { edges: { node: ConnectedUser }[] } }>(NEO4J_GRAPHQL_CONNECTION)).usersConnection.edges.map(
        ({ node: u }) => [u.userId, u.email, u.node[0]?.summary ?? null, u.threadsConnection.edges.map((e) => e.node.threadId)],
      ),
    close: () => Promise.resolve(),
  };
  const list: PageSide = {
    name: "@neo4j/graphql 7, users(limit:)",
    read: async () =>
      (await execute<{ users: ListedUser[] }>(NEO4J_GRAPHQL_LIST)).users.map((u) => [
        u.userId,
        u.email,
        u.node[0]?.summary ?? null,
        u.threads.map((t) => t.threadId),
      ]),
    close: async () => {
      await server.stop();
      await driver.close();
    },
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
