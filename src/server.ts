import http from "node:http";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import express from "express";
import type { Logger } from "pino";
import { ApiKeyVerifier } from "./auth/apiKeys";
import { type Credential, PROJECT_CALLER } from "./auth/caller";
import { corsHandler } from "./auth/cors";
import { type Gate, createGate } from "./auth/gate";
import { createJwtVerifier } from "./auth/jwt";
import { presentedBy } from "./auth/presented";
import { type AccessConfig, defaultAccess } from "./config";
import { type Context, createContext } from "./context";
import { ApiKeyStore } from "./db/apiKeys";
import type { Database } from "./db/database";
import { UsergraphError, statusOf } from "./errors";
import { createFormatError } from "./formatError";
import { costLimitPlugin } from "./limits/costLimitPlugin";
import { TokenBuckets } from "./limits/tokenBuckets";
import type { Metrics } from "./metrics";
import { idempotencyPlugin } from "./plugins/idempotency";
import { requestLogPlugin } from "./plugins/requestLog";
import { graphqlHttpErrorHandler, lastErrorHandler, notFoundHandler } from "./http/errors";
import { accessLog } from "./http/accessLog";
import { requestId, requestLogger } from "./http/requestId";
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
  /** Who may call, from where, how much; each setting defaults as for the mode (config.ts defaultAccess). */
  access?: Partial<AccessConfig>;
}

export interface UsergraphServer {
  apollo: ApolloServer<Context>;
  httpServer: http.Server;
  /**
   * A fresh per-request context, as the HTTP routes build it for a credential (with the request's logger
   * there); for in-process executeOperation calls. Default: the server's own project, with project-wide access.
   */
  context(credential?: Pick<Credential, "projectId" | "caller">, logger?: Logger): Context;
  /** From now on readiness answers 503, so load balancers stop sending work before the drain. */
  markStopping(): void;
  listen(port: number): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Apollo Server behind Express: POST /graphql (and GET: Apollo Sandbox outside production),
 * GET /health/live, GET /health/ready (a real query), GET /metrics (Prometheus). /graphql and /api/v2 take
 * credentials (src/auth/gate.ts), answer CORS and keep to the rate limit; the probes and metrics do not.
 * Every response carries an `x-request-id`.
 */
export async function createServer(deps: ServerDependencies): Promise<UsergraphServer> {
  const access = { ...defaultAccess(deps.production ? "production" : "development"), ...deps.access };
  const gate = createGate({
    apiKeys: new ApiKeyVerifier(new ApiKeyStore(deps.db), deps.logger),
    jwt: access.jwt ? createJwtVerifier(access.jwt) : null,
    anonymousProjectId: deps.production ? null : deps.projectId,
    buckets: new TokenBuckets(access.rateLimitPerMinute),
  });
  if (!deps.production) {
    deps.logger.warn(
      { projectId: deps.projectId },
      "the API is open: requests without credentials act on PROJECT_ID with full access (NODE_ENV is not production)",
    );
  }
  const app = express();
  const httpServer = http.createServer(app);
  const armor = new ApolloArmor({
    maxDepth: { n: 12, ignoreIntrospection: true },
    maxAliases: { n: 30 },
    maxDirectives: { n: 50 },
    // The token limit is graphql-js's own (parseOptions below): a document over it is a 400 parse error,
    // where armor's parse hook made it a 500.
    maxTokens: { enabled: false },
    // Armor's cost grows with depth, not with page sizes; costLimitPlugin counts those (@listSize, @cost).
    // This bound only stops documents far beyond any page the schema can serve.
    costLimit: { maxCost: 500_000, ignoreIntrospection: true },
    // formatError drops every suggestion in production: field names, and also types and enum values,
    // which armor's mask leaves in ("Did you mean the enum value …").
    blockFieldSuggestion: { enabled: false },
  }).protect();

  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    ...armor,
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      requestLogPlugin(deps.metrics),
      costLimitPlugin(access.graphqlMaxCost),
      idempotencyPlugin(),
      deps.production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
    ],
    validationRules: [...armor.validationRules, NoSubscriptions],
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError: createFormatError(deps.logger, { hideSuggestions: deps.production }),
    introspection: access.graphqlIntrospection,
    // The entry point owns the signals: it drains HTTP, closes the driver and stops the local Neo4j.
    // Apollo's own handler would stop the server and re-raise the signal, ending the process early.
    stopOnTerminationSignals: false,
    logger: deps.logger,
  });
  await apollo.start();

  const context = (
    { projectId, caller }: Pick<Credential, "projectId" | "caller"> = { projectId: deps.projectId, caller: PROJECT_CALLER },
    logger: Logger = deps.logger,
  ): Context => createContext({ db: deps.db, projectId, caller, logger });

  app.disable("x-powered-by");
  // First, so that every answer (404s and errors included) carries the request id and is logged.
  app.use(requestId(deps.logger), accessLog(deps.metrics, deps.logger));
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
  app.use(["/graphql", "/api/v2"], corsHandler(access.corsOrigins));
  app.use(
    "/graphql",
    express.json({ limit: "2mb" }),
    expressMiddleware(apollo, { context: async ({ req, res }) => context(await admitToGraphQL(gate, req), requestLogger(res)) }),
    graphqlHttpErrorHandler(deps.logger),
  );
  app.use("/api/v2", createRestRouter({ context, gate, logger: deps.logger }));
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

/**
 * The gate, for Apollo's context function: an error thrown there answers with the status and headers its
 * `extensions.http` names (Apollo removes them from the body), so 401 and 429 keep their HTTP meaning.
 */
async function admitToGraphQL(gate: Gate, req: Parameters<typeof presentedBy>[0]): Promise<Credential> {
  try {
    return await gate(presentedBy(req));
  } catch (error) {
    if (error instanceof UsergraphError) {
      const headers = new HeaderMap();
      const retryAfter = error.extensions.retryAfter;
      if (typeof retryAfter === "number") headers.set("retry-after", String(retryAfter));
      Object.assign(error.extensions, { http: { status: statusOf(error.extensions.code), headers } });
    }
    throw error;
  }
}
