// Where integration tests find Neo4j: the throwaway one that globalSetup started, or the one named by
// NEO4J_TEST_URI and its credentials when set before the run.
export interface TestNeo4jConfig {
  uri: string;
  username: string;
  password: string;
  database: string;
}

export function testNeo4jConfig(): TestNeo4jConfig {
  const { NEO4J_TEST_URI, NEO4J_TEST_USERNAME, NEO4J_TEST_PASSWORD, NEO4J_TEST_DATABASE } = process.env;
  if (!NEO4J_TEST_URI) {
    throw new Error(
      "NEO4J_TEST_URI is not set: run the tests through jest, whose globalSetup starts a Neo4j, " +
        "or set NEO4J_TEST_URI and NEO4J_TEST_PASSWORD to use a running one",
    );
  }
  if (NEO4J_TEST_PASSWORD === undefined) {
    throw new Error(`NEO4J_TEST_PASSWORD is not set, but NEO4J_TEST_URI is (${NEO4J_TEST_URI})`);
  }
  return {
    uri: NEO4J_TEST_URI,
    username: NEO4J_TEST_USERNAME || "neo4j",
    password: NEO4J_TEST_PASSWORD,
    database: NEO4J_TEST_DATABASE || "neo4j",
  };
}
