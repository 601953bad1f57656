// @neo4j/graphql 7 over the same graph, the peer a user would pick instead: its schema generated from type
// definitions that describe our labels, properties and relationships (read-only), served by Apollo Server
// in this process. Case-insensitive string filters are switched on, as a user searching names would.
import { ApolloServer } from "@apollo/server";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";
import type { Variables } from "../benchApp";
import type { BenchNeo4j } from "../neo4j";

// A user has one HAS_NODE, but the library models every relationship as a list. A user's userId is a String,
// not an ID, for the case-insensitive filters, which the library gives strings only. `searchText` is the
// lower-cased userId, email and names that usergraph's text index covers: with it the peer can search
// through the same index.
const TYPE_DEFS = `#graphql
type User @node @mutation(operations: []) {
  projectId: String!
  userId: String!
  uuid: ID!
  email: String
  firstName: String
  lastName: String
  searchText: String
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

export interface Neo4jGraphql {
  /** Runs a GraphQL request against the peer, `$projectId` always given; throws on any error it answers. */
  execute<T>(query: string, variables?: Variables): Promise<T>;
  close(): Promise<void>;
}

export async function startNeo4jGraphql(target: BenchNeo4j, projectId: string): Promise<Neo4jGraphql> {
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password));
  const features = { filters: { String: { CASE_INSENSITIVE: true } } };
  const schema = await new Neo4jGraphQL({ typeDefs: TYPE_DEFS, driver, features }).getSchema();
  const server = new ApolloServer({ schema });
  await server.start();
  return {
    async execute<T>(query: string, variables: Variables = {}): Promise<T> {
      const response = await server.executeOperation(
        { query, variables: { ...variables, projectId } },
        { contextValue: { executionContext: driver, sessionConfig: { database: target.database } } },
      );
      if (response.body.kind !== "single") throw new Error("expected a single GraphQL result");
      const { data, errors } = response.body.singleResult;
      if (errors?.length) throw new Error(`@neo4j/graphql: ${errors.map((e) => e.message).join("; ")}`);
      return data as T;
    },
    async close() {
      await server.stop();
      await driver.close();
    },
  };
}
