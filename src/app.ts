import type { Logger } from "pino";
import type { Config } from "./config";
import { Database } from "./db/database";
import { CypherFiles } from "./db/cypherFiles";
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
 * Everything but the process: connects to Neo4j, applies the schema, finishes deletions an earlier run
 * left half done, brings users stored by earlier versions up to date (count, list keys), and builds the
 * server. Used by the entry point and by the tests alike.
 */
export async function createApp(
  config: Pick<Config, "neo4jUsername" | "neo4jPassword" | "neo4jDatabase" | "projectId" | "nodeEnv"> & {
    neo4jUri: string;
  },
  logger: Logger,
): Promise<App> {
  const metrics = createMetrics({ processMetrics: config.nodeEnv !== "test" });
  const db = Database.connect(
    {
      uri: config.neo4jUri,
      username: config.neo4jUsername,
      password: config.neo4jPassword,
      database: config.neo4jDatabase,
    },
    CypherFiles.load(),
    metrics,
    logger,
  );
  try {
    await db.applySchema();
    // Deletion needs no summarizer: the whole world goes.
    const users = new UserStore(db, config.projectId, factListSummarizer);
    const finished = await users.finishInterruptedDeletions();
    if (finished > 0) logger.info({ finished }, "finished interrupted user deletions");
    // Before this instance adds a user: users stored before the counter and the list indexes existed are
    // counted once and given the keys the indexes read.
    const counted = await users.initialiseCounter();
    if (counted !== null) logger.info({ counted }, "started the project's user counter from its stored users");
    const backfilled = await users.backfillListKeys();
    if (backfilled > 0) logger.info({ backfilled }, "wrote the list keys of users stored before the list indexes");
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
