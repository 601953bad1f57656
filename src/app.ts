import type { Logger } from "pino";
import type { Config } from "./config";
import { Database } from "./db/database";
import { CypherFiles } from "./db/cypherFiles";
import { IngestQueue } from "./db/ingestQueue";
import { type IngestOptions, type IngestWorker, createIngestWorker } from "./ingest";
import { type Metrics, createMetrics, registerQueueDepth } from "./metrics";
import { type UsergraphServer, createServer } from "./server";
import { prepareProject } from "./startup";

export interface App {
  server: UsergraphServer;
  db: Database;
  metrics: Metrics;
  /** The ingestion worker, when this app runs one. */
  ingest: IngestWorker | null;
  close(): Promise<void>;
}

/** The worker's settings; `enabled: false` (or no options at all) runs no worker. */
export type AppIngestOptions = IngestOptions & { enabled?: boolean };

/**
 * Everything but the process: connects to Neo4j, applies the schema, brings the project's data up to date
 * (see prepareProject), builds the server and starts the ingestion worker, if asked for. Used by the entry
 * point and by the tests alike.
 */
export async function createApp(
  config: Pick<Config, "neo4jUsername" | "neo4jPassword" | "neo4jDatabase" | "projectId" | "nodeEnv"> &
    Partial<Pick<Config, "neo4jTimeoutMs" | "neo4jTransactionTimeoutMs">> & { neo4jUri: string; ingest?: AppIngestOptions | null },
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
    const queue = new IngestQueue(db, null);
    registerQueueDepth(metrics, () => queue.depth());
    const ingest = config.ingest && config.ingest.enabled !== false ? createIngestWorker(db, metrics, logger, config.ingest) : null;
    const server = await createServer({
      db,
      projectId: config.projectId,
      logger,
      metrics,
      production: config.nodeEnv === "production",
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
