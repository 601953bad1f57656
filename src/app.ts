import type { Logger } from "pino";
import type { AccessConfig, Config } from "./config";
import { Database } from "./db/database";
import { CypherFiles } from "./db/cypherFiles";
import { deleteAllExpiredIdempotencyKeys } from "./db/idempotencyKeys";
import { type Metrics, createMetrics } from "./metrics";
import { type UsergraphServer, createServer } from "./server";
import { prepareProject } from "./startup";

export interface App {
  server: UsergraphServer;
  db: Database;
  metrics: Metrics;
  close(): Promise<void>;
}

/**
 * Everything but the process: connects to Neo4j, applies the schema, brings the project's data up to date
 * (see prepareProject), deletes expired idempotency keys, and builds the server. Used by the entry point and by the tests alike; the access
 * settings left out default as for the NODE_ENV (config.ts defaultAccess).
 */
export async function createApp(
  config: Pick<Config, "neo4jUsername" | "neo4jPassword" | "neo4jDatabase" | "projectId" | "nodeEnv"> &
    Partial<Pick<Config, "neo4jTimeoutMs" | "neo4jTransactionTimeoutMs">> &
    Partial<AccessConfig> & { neo4jUri: string },
  logger: Logger,
): Promise<App> {
  const metrics = createMetrics({ processMetrics: config.nodeEnv !== "test" });
  const db = Database.connect(
    {
      uri: config.neo4jUri,
      username: config.neo4jUsername,
      password: config.neo4jPassword,
      database: config.neo4jDatabase,
      timeoutMs: config.neo4jTimeoutMs,
      transactionTimeoutMs: config.neo4jTransactionTimeoutMs,
    },
    CypherFiles.load(),
    metrics,
    logger,
  );
  try {
    await db.applySchema();
    await prepareProject(db, config.projectId, logger);
    const expiredKeys = await deleteAllExpiredIdempotencyKeys(db);
    if (expiredKeys > 0) logger.info({ expiredKeys }, "deleted expired idempotency keys");
    const server = await createServer({
      db,
      projectId: config.projectId,
      logger,
      metrics,
      production: config.nodeEnv === "production",
      access: accessOf(config),
    });
    return {
      server,
      db,
      metrics,
      close: async () => {
        await server.stop();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

function accessOf(config: Partial<AccessConfig>): Partial<AccessConfig> {
  const { jwt, corsOrigins, rateLimitPerMinute, graphqlIntrospection, graphqlMaxCost } = config;
  const given = { jwt, corsOrigins, rateLimitPerMinute, graphqlIntrospection, graphqlMaxCost };
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
}
