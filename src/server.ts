import http from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import express from "express";
import type { Logger } from "pino";
import { type Context, createContext } from "./context";
import type { Database } from "./db/database";
import { createFormatError } from "./formatError";
import type { Metrics } from "./metrics";
import { requestLogPlugin } from "./plugins/requestLog";
import { graphqlHttpErrorHandler, lastErrorHandler, notFoundHandler } from "./http/errors";
import { createRestRouter } from "./rest";
import { buildSchema } from "./schema";
import { NoSubscriptions } from "./graphql/noSubscriptions";

/** The most tokens a document may have: far beyond any real query, short of a parser made to work for nothing. */
const MAX_TOKENS = 5000;

export interface ServerDependencies {
  db: Database;
  projectId: string;
  logger: Logger;
  metrics: Metrics;
  production: boolean;
  /** Called after a write queued episodes for ingestion, so that the worker starts on them at once. */
  onEpisodesQueued?: () => void;
}

export interface UsergraphServer {
  apollo: ApolloServer<Context>;
  httpServer: http.Server;
  /** A fresh per-request context, as the HTTP route builds it; for in-process executeOperation calls. */
  context(): Context;
  /** From now on readiness answers 503, so load balancers stop sending work before the drain. */
  markStopping(): void;
  listen(port: number): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Apollo Server behind Express: POST /graphql (and GET: Apollo Sandbox outside production),
 * GET /health/live, GET /health/ready (a real query), GET /metrics (Prometheus).
 */
export async function createServer(deps: ServerDependencies): Promise<UsergraphServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const armor = new ApolloArmor({
    maxDepth: { n: 12, ignoreIntrospection: true },
    maxAliases: { n: 30 },
    maxDirectives: { n: 50 },
    // The token limit is graphql-js's own (parseOptions below): a document over it is a 400 parse error,
    // where armor's parse hook made it a 500.
    maxTokens: { enabled: false },
    // Armor's cost grows with depth, not with page sizes (the router's demand control sees @listSize);
    // this bound only stops documents far beyond any page the schema can serve.
    costLimit: { maxCost: 500_000, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: deps.production },
  }).protect();

  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    ...armor,
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      requestLogPlugin(deps.logger, deps.metrics),
      deps.production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
    ],
    validationRules: [...armor.validationRules, NoSubscriptions],
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError: createFormatError(deps.logger),
    introspection: true,
    // The entry point owns the signals: it drains HTTP, closes the driver and stops the local Neo4j.
    // Apollo's own handler would stop the server and re-raise the signal, ending the process early.
    stopOnTerminationSignals: false,
    logger: deps.logger,
  });
  await apollo.start();

  const context = (): Context =>
    createContext({ db: deps.db, projectId: deps.projectId, logger: deps.logger, onEpisodesQueued: deps.onEpisodesQueued });

  app.disable("x-powered-by");
  app.get("/health/live", (_req, res) => {
    res.json({ status: "ok" });
  });
  let stopping = false;
  app.get("/health/ready", async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: "stopping" });
      return;
    }
    const ready = await deps.db.ping();
    res.status(ready ? 200 : 503).json({ status: ready ? "ok" : "unavailable", neo4j: ready });
  });
  app.get("/metrics", async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  app.use(
    "/graphql",
    express.json({ limit: "2mb" }),
    expressMiddleware(apollo, { context: () => Promise.resolve(context()) }),
    graphqlHttpErrorHandler(deps.logger),
  );
  app.use("/api/v2", createRestRouter({ context, logger: deps.logger }));
  app.use(notFoundHandler, lastErrorHandler(deps.logger));

  return {
    apollo,
    httpServer,
    context,
    markStopping: () => {
      stopping = true;
    },
    listen: (port) =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, () => {
          const address = httpServer.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      }),
    stop: () => apollo.stop(),
  };
}
