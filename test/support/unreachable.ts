import pino, { type Logger } from "pino";
import { Database } from "../../src/db/database";
import { CypherFiles } from "../../src/db/cypherFiles";
import { findFreePort } from "../../src/localNeo4j/port";
import { type Metrics, createMetrics } from "../../src/metrics";
import { type UsergraphServer, createServer } from "../../src/server";

/**
 * The server over a Neo4j address where nothing listens (a free port), with a short driver retry time so
 * that failures come quickly. Runs `use`, then stops the server and closes the driver. Logs to `logger` when
 * given, else nowhere.
 */
export async function withUnreachableNeo4j(
  use: (server: UsergraphServer, db: Database, metrics: Metrics) => Promise<void>,
  logger: Logger = pino({ level: "silent" }),
): Promise<void> {
  const port = await findFreePort();
  const metrics = createMetrics();
  const db = Database.connect(
    { uri: `bolt://127.0.0.1:${port}`, username: "neo4j", password: "x", database: "neo4j", timeoutMs: 200 },
    CypherFiles.load(),
    metrics,
    logger,
  );
  const server = await createServer({ db, projectId: "unreachable", logger, metrics, production: false });
  try {
    await use(server, db, metrics);
  } finally {
    await server.stop();
    await db.close();
  }
}
