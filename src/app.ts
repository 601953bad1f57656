import type { Logger } from "pino";
import type { AccessConfig, Config } from "./config";
import { Database } from "./db/database";
import { CypherFiles } from "./db/cypherFiles";
import { deleteAllExpiredIdempotencyKeys } from "./db/idempotencyKeys";
import { applyVectorIndexes } from "./db/embeddings";
import { IngestQueue } from "./db/ingestQueue";
import { type IngestOptions, type IngestWorker, createIngestWorker } from "./ingest";
import { type ModelServices, createModelServices } from "./ingest/llm";
import { type Metrics, createMetrics, registerQueueDepth } from "./metrics";
import { type UsergraphServer, createServer } from "./server";
import { ProjectPreparation } from "./projectPreparation";

export interface App {
  server: UsergraphServer;
  db: Database;
  metrics: Metrics;
  /** The configured language and embeddings models (each null when not configured). */
  models: ModelServices;
  /** The ingestion worker, when this app runs one. */
  ingest: IngestWorker | null;
  close(): Promise<void>;
}

/** The worker's settings; `enabled: false` (or no options at all) runs no worker. */
export type AppIngestOptions = IngestOptions & { enabled?: boolean };

/**
 * Everything but the process: connects to Neo4j, applies the schema (and the vector indexes when embeddings
 * are configured), brings the default project's data up to date (see prepareProject; other projects on
 * their first request), deletes expired idempotency keys, builds the server and starts the ingestion worker,
 * if asked for. Used by the entry point and by the tests alike; the access settings left out default as for
 * the NODE_ENV (config.ts defaultAccess).
 */
export async function createApp(
  config: Pick<Config, "neo4jUsername" | "neo4jPassword" | "neo4jDatabase" | "projectId" | "nodeEnv"> &
    Partial<Pick<Config, "neo4jTimeoutMs" | "neo4jTransactionTimeoutMs" | "llm" | "embeddings">> &
    Partial<AccessConfig> & { neo4jUri: string; ingest?: AppIngestOptions | null },
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
  const models = createModelServices(config, metrics);
  try {
    await db.applySchema();
    if (config.embeddings) {
      const mismatched = await applyVectorIndexes(db, config.embeddings.dimensions);
      if (mismatched.length > 0) {
        logger.warn({ mismatched, configured: config.embeddings.dimensions }, "vector indexes were made with other dimensions than EMBEDDINGS_DIMENSIONS: drop them to rebuild");
      }
    }
    const projects = new ProjectPreparation(db, logger);
    // The default project before the first request; the others as requests name them.
    await projects.ready(config.projectId);
    const expiredKeys = await deleteAllExpiredIdempotencyKeys(db);
    if (expiredKeys > 0) logger.info({ expiredKeys }, "deleted expired idempotency keys");
    const queue = new IngestQueue(db, null);
    registerQueueDepth(metrics, () => queue.depth());
    const ingest = config.ingest && config.ingest.enabled !== false ? createIngestWorker(db, metrics, logger, withModels(config.ingest, models)) : null;
    const server = await createServer({
      db,
      projectId: config.projectId,
      logger,
      metrics,
      production: config.nodeEnv === "production",
      access: accessOf(config),
      projects,
      embedder: models.searchEmbedder,
      onEpisodesQueued: () => ingest?.wake(),
    });
    if (ingest) {
      ingest.start();
      logger.info({ worker: ingest.id, concurrency: config.ingest?.concurrency }, "ingestion worker started");
    }
    return {
      server,
      db,
      metrics,
      models,
      ingest,
      close: async () => {
        await server.stop();
        // Before the driver closes: episodes in progress finish (or are given back) through it.
        await ingest?.stop();
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

/** The configured models take the embedded extractor's and the deterministic summaries' place, unless set. */
function withModels(options: AppIngestOptions, models: ModelServices): AppIngestOptions {
  return {
    extractor: models.extractor ?? undefined,
    summaryWriter: models.summaryWriter,
    embedder: models.embedder,
    ...options,
  };
}
