import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import type { Context } from "../context";
import { requestLogger } from "../http/requestId";
import type { FieldNames } from "./errors";

/** A route's work: read the request, call the shared services with this request's context, return the JSON body. */
export type Handler = (req: Request, res: Response, ctx: Context) => Promise<unknown>;

/** Turns a handler into an Express route; `names` are the REST names its error messages use (see restNaming). */
export type Endpoint = (handler: Handler, names?: FieldNames) => RequestHandler;

/**
 * Every request gets a fresh context, as on the GraphQL route: its own loaders, so no request sees
 * another's cache, and its own logger, carrying its id. A rejected handler reaches the router's error handler
 * (Express 5 forwards it).
 */
export function createEndpoint(context: (logger?: Logger) => Context): Endpoint {
  return (handler, names = {}) =>
    async (req, res) => {
      res.locals.fieldNames = names;
      const body = await handler(req, res, context(requestLogger(res)));
      res.json(body);
    };
}
