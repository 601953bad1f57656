import express, { Router } from "express";
import type { Logger } from "pino";
import type { Credential } from "../auth/caller";
import type { Gate } from "../auth/gate";
import { presentedBy } from "../auth/presented";
import type { Context } from "../context";
import { type Endpoint, createEndpoint } from "./endpoint";
import { restErrorHandler } from "./errors";
import { GRAPH_ROUTES } from "./graph";
import { GRAPH_READ_ROUTES } from "./graphReads";
import type { Method, Route } from "./route";
import { THREAD_MESSAGE_ROUTES } from "./threadMessages";
import { THREAD_ROUTES } from "./threads";
import { unsupported } from "./unsupported";
import { USER_ROUTES } from "./users";

/**
 * The route tables, in the order they are registered. Each table is mounted as its own router and no path is
 * served from two tables, so Express's automatic answer to OPTIONS (200, `Allow` listing every method of the
 * path) comes from the router that serves the path, before the catch-all can answer 400.
 */
const ROUTE_TABLES: readonly (readonly Route[])[] = [USER_ROUTES, THREAD_ROUTES, THREAD_MESSAGE_ROUTES, GRAPH_ROUTES, GRAPH_READ_ROUTES];

/** Every route usergraph serves below /api/v2. */
export const REST_ROUTES: readonly Route[] = ROUTE_TABLES.flat();

/**
 * Zep's REST API, as the official SDKs call it (`new ZepClient({ apiKey, baseUrl: ".../api/v2" })`):
 * users, threads and users' graphs, in snake_case JSON. Every route calls the same services as the
 * GraphQL field it mirrors (src/services): the same validation, Cypher and error codes; this layer only
 * translates names, shapes and status codes. What Zep has and usergraph does not do answers 400, by name.
 *
 * Authentication: as on /graphql, by the gate (src/auth/gate.ts), before the body is read. The SDKs send
 * `Authorization: Api-Key <key>`; every route acts on the key's project.
 */
export function createRestRouter(deps: { context: (credential: Credential, logger?: Logger) => Context; gate: Gate; logger: Logger }): Router {
  const endpoint = createEndpoint(deps.context);
  const router = Router();
  router.use(async (req, res, next) => {
    res.locals.credential = await deps.gate(presentedBy(req));
    next();
  });
  router.use(express.json({ limit: "2mb" }));
  router.use(ROUTE_TABLES.map((routes) => routerOf(routes, endpoint)));
  router.use(unsupported);
  router.use(restErrorHandler(deps.logger));
  return router;
}

function routerOf(routes: readonly Route[], endpoint: Endpoint): Router {
  const router = Router();
  for (const { method, path, handler, names } of routes) {
    router[method.toLowerCase() as Lowercase<Method>](path, endpoint(handler, names));
  }
  return router;
}
