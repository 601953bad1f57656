import { rm } from "node:fs/promises";
import { takeTestNeo4j } from "./testNeo4jHandle";

// Stops the Neo4j that globalSetup started (none when NEO4J_TEST_URI was given) and deletes its store.
export default async function globalTeardown(): Promise<void> {
  const handle = takeTestNeo4j();
  if (!handle) return;
  try {
    await handle.neo4j.stop();
  } finally {
    await rm(handle.tempDir, { recursive: true, force: true });
  }
}
