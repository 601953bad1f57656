import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import type { Credential } from "../auth/caller";
import type { Context } from "../context";
import { requestLogger } from "../http/requestId";
import type { FieldNames } from "./errors";
import { respondOnce } from "./idempotency";

/** A route's work: read the request, call the shared services with this request's context, return the JSON body. */
export type Handler = (req: Request, res: Response, ctx: Context) => Promise<unknown>;

/** Turns a handler into an Express route; `names` are the REST names its error messages use (see restNaming). */
export type Endpoint = (handler: Handler, names?: FieldNames) => RequestHandler;

/**
 * Every request gets a fresh context for the credential the gate found (res.locals.credential), as on the
 * GraphQL route: its own loaders, so no request sees another's cache, and its own logger, carrying its id.
 * A write with an Idempotency-Key runs once per key (respondOnce). A rejected handler reaches the router's
 * error handler (Express 5 forwards it).
 */
export function createEndpoint(context: (credential: Credential, logger?: Logger) => Context): Endpoint {
  return (handler, names = {}) =>
    async (req, res) => {
      res.locals.fieldNames = names;
      const ctx = context(res.locals.credential as Credential, requestLogger(res));
      await respondOnce(req, res, ctx, () => handler(req, res, ctx));
    };
}
