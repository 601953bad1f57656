import type { Logger } from "pino";
import type { Config } from "./config";
import { backfillFactNodeUuids, backfillMessageThreadUuids } from "./db/backfills";
import { startThreadCounter } from "./db/counterInit";
import { Database } from "./db/database";
import { CypherFiles } from "./db/cypherFiles";
import { deleteAllExpiredIdempotencyKeys } from "./db/idempotencyKeys";
import { UserStore } from "./db/users";
import { factListSummarizer } from "./domain/graph/summarizer";
import { type Metrics, createMetrics } from "./metrics";
import { type UsergraphServer, createServer } from "./server";

export interface App {
  server: UsergraphServer;
  db: Database;
  metrics: Metrics;
  close(): Promise<void>;
}

/**
 * Everything but the process: connects to Neo4j, applies the schema, starts counters and backfills what
 * data from before them lacks, deletes expired idempotency keys, finishes deletions an earlier run left
 * half done, and builds the server.
 * Used by the entry point and by the tests alike.
 */
export async function createApp(
  config: Pick<Config, "neo4jUsername" | "neo4jPassword" | "neo4jDatabase" | "projectId" | "nodeEnv"> &
    Partial<Pick<Config, "neo4jTimeoutMs" | "neo4jTransactionTimeoutMs">> & { neo4jUri: string },
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
    await startThreadCounter(db, config.projectId);
    const backfilled = {
      messages: await backfillMessageThreadUuids(db, config.projectId),
      facts: await backfillFactNodeUuids(db, config.projectId),
    };
    if (backfilled.messages + backfilled.facts > 0) logger.info(backfilled, "backfilled the keys that list indexes read");
    const expiredKeys = await deleteAllExpiredIdempotencyKeys(db);
    if (expiredKeys > 0) logger.info({ expiredKeys }, "deleted expired idempotency keys");
    // Deletion needs no summarizer: the whole world goes.
    const finished = await new UserStore(db, config.projectId, factListSummarizer).finishInterruptedDeletions();
    if (finished > 0) logger.info({ finished }, "finished interrupted user deletions");
    const server = await createServer({
      db,
      projectId: config.projectId,
      logger,
      metrics,
      production: config.nodeEnv === "production",
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
