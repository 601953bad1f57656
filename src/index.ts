// First: tracing, when asked for, must patch http and Express before they are loaded.
import { tracing } from "./telemetry";
import { ConfigError, LOCAL_NEO4J_DEFAULTS, loadConfig } from "./config";
import { createApp } from "./app";
import { createLogger } from "./logger";
import { ensureLocalNeo4j } from "./localNeo4j";

// The process entry: configuration, the local Neo4j when no NEO4J_URI is given, the server, and a
// graceful shutdown that drains HTTP, closes the driver, stops the Neo4j this process started and flushes
// the last spans.
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  if (tracing) logger.info("OpenTelemetry tracing is on (OTEL_* variables)");

  let neo4jUri = config.neo4jUri;
  let stopLocalNeo4j: (() => Promise<void>) | null = null;
  if (neo4jUri === null) {
    logger.info("NEO4J_URI is not set: using the local Neo4j (starting it when it is not running)");
    const local = await ensureLocalNeo4j({ port: config.localNeo4jPort, dataDir: config.localNeo4jDataDir });
    neo4jUri = local.uri;
    stopLocalNeo4j = local.startedHere ? () => local.stop() : null;
    logger.info({ uri: local.uri, startedHere: local.startedHere }, "local Neo4j ready");
  }

  const app = await createApp(
    {
      ...config,
      neo4jUri,
      ...(config.neo4jUri === null
        ? { neo4jUsername: LOCAL_NEO4J_DEFAULTS.username, neo4jPassword: LOCAL_NEO4J_DEFAULTS.password }
        : {}),
    },
    logger,
  ).catch(async (error: unknown) => {
    await stopLocalNeo4j?.();
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
      await stopLocalNeo4j?.();
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
