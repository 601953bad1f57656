// First: tracing, when asked for, must patch http and Express before they are loaded.
import { tracing } from "./telemetry";
import { ConfigError, loadConfig } from "./config";
import { createApp } from "./app";
import { configuredNeo4j } from "./configuredNeo4j";
import { createLogger } from "./logger";

// The process entry: configuration, the local Neo4j when no NEO4J_URI is given, the server, and a
// graceful shutdown that drains HTTP, closes the driver, stops the Neo4j this process started and flushes
// the last spans.
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  if (tracing) logger.info("OpenTelemetry tracing is on (OTEL_* variables)");

  const neo4j = await configuredNeo4j(config, logger);
  const app = await createApp(
    { ...config, neo4jUri: neo4j.uri, neo4jUsername: neo4j.username, neo4jPassword: neo4j.password, neo4jDatabase: neo4j.database },
    logger,
  ).catch(async (error: unknown) => {
    await neo4j.stop();
    throw error;
  });
  const port = await app.server.listen(config.port);
  logger.info({ url: `http://localhost:${port}/graphql` }, "usergraph is serving");

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, delayMs: config.shutdownDelayMs }, "shutting down: unready now, draining after the delay");
    try {
      // Unready first, still serving: the load balancer takes this instance out before the drain refuses work.
      app.server.markStopping();
      await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
      await app.close();
      await neo4j.stop();
      // Last: the spans of the drain and the close are exported too.
      await tracing?.shutdown().catch((error: unknown) => logger.warn({ err: error }, "exporting the last spans failed"));
      logger.info("stopped");
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  process.once("SIGTERM", (signal) => void shutdown(signal));
  process.once("SIGINT", (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error("usergraph failed to start:", error);
  }
  process.exit(1);
});
