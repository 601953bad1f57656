import type { Logger } from "pino";
import { type Config, LOCAL_NEO4J_DEFAULTS } from "./config";
import { ensureLocalNeo4j } from "./localNeo4j";

/** Where to connect, as the configuration says, and how to stop what was started to get there. */
export interface ConfiguredNeo4j {
  uri: string;
  username: string;
  password: string;
  database: string;
  /** Stops the local Neo4j when this process started it; otherwise does nothing. */
  stop(): Promise<void>;
}

/**
 * The Neo4j of `npm start`, for every process that needs it (the service, the importer): NEO4J_URI with
 * its credentials, else the local Neo4j, reused when something already listens on its port and started
 * (tied to this process) when not.
 */
export async function configuredNeo4j(
  config: Pick<Config, "neo4jUri" | "neo4jUsername" | "neo4jPassword" | "neo4jDatabase" | "localNeo4jPort" | "localNeo4jDataDir">,
  logger: Logger,
): Promise<ConfiguredNeo4j> {
  if (config.neo4jUri !== null) {
    return {
      uri: config.neo4jUri,
      username: config.neo4jUsername,
      password: config.neo4jPassword,
      database: config.neo4jDatabase,
      stop: () => Promise.resolve(),
    };
  }
  logger.info("NEO4J_URI is not set: using the local Neo4j (starting it when it is not running)");
  const local = await ensureLocalNeo4j({ port: config.localNeo4jPort, dataDir: config.localNeo4jDataDir });
  logger.info({ uri: local.uri, startedHere: local.startedHere }, "local Neo4j ready");
  return {
    uri: local.uri,
    username: LOCAL_NEO4J_DEFAULTS.username,
    password: LOCAL_NEO4J_DEFAULTS.password,
    database: config.neo4jDatabase,
    stop: local.startedHere ? () => local.stop() : () => Promise.resolve(),
  };
}
