import { startThrowawayNeo4j } from "../../src/localNeo4j";
import { keepTestNeo4j } from "./testNeo4jHandle";

// Starts a throwaway Neo4j for this run, unless NEO4J_TEST_URI points at one already. Its own free port,
// temp directory and random password let two runs on one machine proceed side by side. It is tied to
// this process, so an aborted run does not leave it behind. Workers start after this and inherit the
// variables it sets.
export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_TEST_URI) return;
  // Test data is tiny; a small page cache keeps parallel runs light.
  const neo4j = await startThrowawayNeo4j({ label: "test", pageCache: "64m" });
  keepTestNeo4j(neo4j);
  process.env.NEO4J_TEST_URI = neo4j.uri;
  process.env.NEO4J_TEST_USERNAME = neo4j.username;
  process.env.NEO4J_TEST_PASSWORD = neo4j.password;
}
