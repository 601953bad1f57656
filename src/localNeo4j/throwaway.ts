import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startLocalNeo4j } from "./launch";
import { findFreePort } from "./port";

/** A Neo4j for one run (tests, benchmarks): its own free port, temporary store and random password. */
export interface ThrowawayNeo4j {
  uri: string;
  username: string;
  password: string;
  /** Its process, for a caller that watches what it does (the benchmark waits for it to go quiet). */
  pid: number;
  /** Stops the Neo4j and deletes its store; idempotent, since a normal end and a signal may both ask. */
  stop(): Promise<void>;
}

// Tied to this process, so that even a crashed run leaves no Neo4j behind; two runs on one machine never
// share a port or a store.
export async function startThrowawayNeo4j(options: { label: string; pageCache?: string; heap?: string }): Promise<ThrowawayNeo4j> {
  const tempDir = await mkdtemp(path.join(os.tmpdir(), `usergraph-${options.label}-neo4j-`));
  const removeTempDir = (): Promise<void> => rm(tempDir, { recursive: true, force: true });
  const password = randomBytes(18).toString("base64url");
  try {
    const neo4j = await startLocalNeo4j({
      port: await findFreePort(),
      dataDir: path.join(tempDir, "data"),
      password,
      tieToParent: true,
      ...(options.pageCache ? { pageCache: options.pageCache } : {}),
      ...(options.heap ? { heap: options.heap } : {}),
    });
    let stopped: Promise<void> | undefined;
    return {
      uri: neo4j.uri,
      username: "neo4j",
      password,
      pid: neo4j.pid,
      stop: () => (stopped ??= neo4j.stop().finally(removeTempDir)),
    };
  } catch (error) {
    await removeTempDir();
    throw error;
  }
}
