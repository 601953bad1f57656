import type { LocalNeo4j } from "../../src/localNeo4j";

// globalSetup and globalTeardown run in the same process, Jest's parent; globalThis is how the one
// hands the other the Neo4j it started (Jest's documented way), and workers never see it.
export interface TestNeo4jHandle {
  neo4j: LocalNeo4j;
  tempDir: string;
}

const key = Symbol.for("usergraph.testNeo4j");
type HandleHolder = { [key]?: TestNeo4jHandle };

export function keepTestNeo4j(handle: TestNeo4jHandle): void {
  (globalThis as HandleHolder)[key] = handle;
}

export function takeTestNeo4j(): TestNeo4jHandle | undefined {
  const holder = globalThis as HandleHolder;
  const handle = holder[key];
  delete holder[key];
  return handle;
}
