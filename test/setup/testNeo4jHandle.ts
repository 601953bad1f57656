import type { ThrowawayNeo4j } from "../../src/localNeo4j";

// globalSetup and globalTeardown run in the same process, Jest's parent; globalThis is how the one
// hands the other the Neo4j it started (Jest's documented way), and workers never see it.
const key = Symbol.for("usergraph.testNeo4j");
type HandleHolder = { [key]?: ThrowawayNeo4j };

export function keepTestNeo4j(neo4j: ThrowawayNeo4j): void {
  (globalThis as HandleHolder)[key] = neo4j;
}

export function takeTestNeo4j(): ThrowawayNeo4j | undefined {
  const holder = globalThis as HandleHolder;
  const neo4j = holder[key];
  delete holder[key];
  return neo4j;
}
