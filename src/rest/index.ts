import express, { Router } from "express";
import type { Logger } from "pino";
import type { Context } from "../context";
import { createEndpoint } from "./endpoint";
import { restErrorHandler } from "./errors";
import { graphRoutes } from "./graph";
import { threadRoutes } from "./threads";
import { unsupported } from "./unsupported";
import { userRoutes } from "./users";

/**
 * Zep's REST API, as the official SDKs call it (`new ZepClient({ apiKey, baseUrl: ".../api/v2" })`):
 * users, threads and users' graphs, in snake_case JSON. Every route calls the same services as the
 * GraphQL field it mirrors (src/services): the same validation, Cypher and error codes; this layer only
 * translates names, shapes and status codes. What Zep has and usergraph does not do answers 400, by name.
 *
 * Authentication: none, as on /graphql. The SDKs send `Authorization: Api-Key <key>`; any key (or none)
 * is accepted. Put the service behind a gateway that authenticates when it is reachable by others.
 */
export function createRestRouter(deps: { context: () => Context; logger: Logger }): Router {
  const endpoint = createEndpoint(deps.context);
  const router = Router();
  router.use(express.json({ limit: "2mb" }));
  router.use(userRoutes(endpoint), threadRoutes(endpoint), graphRoutes(endpoint));
  router.use(unsupported);
  router.use(restErrorHandler(deps.logger));
  return router;
}
