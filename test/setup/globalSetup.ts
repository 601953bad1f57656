import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { findFreePort, startLocalNeo4j } from "../../src/localNeo4j";
import { keepTestNeo4j } from "./testNeo4jHandle";

// Starts a throwaway Neo4j for this run, unless NEO4J_TEST_URI points at one already. Its own free port,
// temp directory and random password let two runs on one machine proceed side by side. It is tied to
// this process, so an aborted run does not leave it behind. Workers start after this and inherit the
// variables it sets.
export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_TEST_URI) return;

  const tempDir = await mkdtemp(path.join(os.tmpdir(), "usergraph-test-neo4j-"));
  const password = randomBytes(18).toString("base64url");
  try {
    const neo4j = await startLocalNeo4j({
      port: await findFreePort(),
      dataDir: path.join(tempDir, "data"),
      password,
      tieToParent: true,
      pageCache: "64m", // test data is tiny; smaller keeps parallel runs light
    });
    keepTestNeo4j({ neo4j, tempDir });
    process.env.NEO4J_TEST_URI = neo4j.uri;
    process.env.NEO4J_TEST_USERNAME = "neo4j";
    process.env.NEO4J_TEST_PASSWORD = password;
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
}
