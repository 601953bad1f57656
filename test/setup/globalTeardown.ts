import { takeTestNeo4j } from "./testNeo4jHandle";

// Stops the Neo4j that globalSetup started (none when NEO4J_TEST_URI was given) and deletes its store.
export default async function globalTeardown(): Promise<void> {
  await takeTestNeo4j()?.stop();
}
