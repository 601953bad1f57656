// A Neo4j for development and tests without Docker: scripts/neo4j/Launcher.java runs the embedded
// Community DBMS from jars that scripts/neo4j/pom.xml fetches into .neo4j/lib.
import { localNeo4jDefaults, type LocalNeo4jDefaults } from "./defaults";
import { startLocalNeo4j, type LocalNeo4j } from "./launch";
import { isPortListening } from "./port";

export { localNeo4jDefaults, type LocalNeo4jDefaults } from "./defaults";
export { ensureNeo4jJars, neo4jLibDir } from "./jars";
export { launcherLogFile, startLocalNeo4j, type LocalNeo4j, type LocalNeo4jOptions } from "./launch";
export { findFreePort, isPortListening } from "./port";
export { startThrowawayNeo4j, type ThrowawayNeo4j } from "./throwaway";

// startedHere: true comes with the handle of the Neo4j that this process started and must stop.
export type EnsuredLocalNeo4j = { uri: string; startedHere: false } | (LocalNeo4j & { startedHere: true });

// For npm start without NEO4J_URI: whatever already listens on the port (npm run db:start, docker
// compose, another npm start) is reused, else a Neo4j is started that dies with this process and that
// the caller stops on shutdown.
export async function ensureLocalNeo4j(overrides: Partial<LocalNeo4jDefaults> = {}): Promise<EnsuredLocalNeo4j> {
  const { port, dataDir, password } = { ...localNeo4jDefaults, ...overrides };
  if (await isPortListening("127.0.0.1", port)) return { uri: `bolt://127.0.0.1:${port}`, startedHere: false };
  const neo4j = await startLocalNeo4j({ port, dataDir, password, tieToParent: true });
  return { ...neo4j, startedHere: true };
}
