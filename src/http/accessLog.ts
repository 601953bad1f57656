import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { ErrorCode } from "../errors";
import type { Door, Metrics } from "../metrics";
import { requestLogger } from "./requestId";

// One log line per HTTP request, as the GraphQL route has its own (src/plugins/requestLog.ts), and for REST
// one histogram observation and, when it failed, one error count. /graphql is left to that plugin, which
// knows the operation; its line carries the same request id.

const REST_PREFIX = "/api/v2";
const UNMATCHED = "unmatched";
// Probes and scrapes come every few seconds and say nothing new: debug, so that info shows the traffic.
const QUIET_PATHS = /^\/(health\/|metrics$)/;

/** Mounted after requestId: logs and measures each request when its response is over. */
export function accessLog(metrics: Metrics, logger: Logger): RequestHandler {
  return function logAccess(req, res, next) {
    const started = process.hrtime.bigint();
    const path = req.path;
    res.once("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routePattern(req);
      const status = res.statusCode;
      const door = doorOf(path);
      const code = recordedErrorCode(res) ?? (door === "rest" && status >= 400 ? codeBehind(status) : undefined);
      if (door !== null && code !== undefined) metrics.errors.inc({ code, door });
      // GraphQL's plugin has logged and measured it, and counted the errors Apollo answered.
      if (door === "graphql") return;
      if (door === "rest") metrics.restRequestDuration.observe({ route, method: req.method, status: String(status) }, seconds);
      const line = {
        method: req.method,
        route,
        ...(route === UNMATCHED ? { path } : {}),
        status,
        durationMs: Math.round(seconds * 1e6) / 1e3,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      const log = requestLogger(res) ?? logger;
      if (QUIET_PATHS.test(path)) log.debug(line, "http request");
      else log.info(line, "http request");
    });
    next();
  };
}

/** An error handler's word for what it answered, read by the access log when the request ends. */
export function recordErrorCode(res: Response, code: string): void {
  res.locals.errorCode = code;
}

function recordedErrorCode(res: Response): string | undefined {
  return typeof res.locals.errorCode === "string" ? res.locals.errorCode : undefined;
}

/**
 * The pattern of the route that served the request (`/api/v2/users/:userId`), never the raw path, so that a
 * label has as many values as there are routes. Express keeps `req.route` and the router's `baseUrl` when a
 * route answers or passes an error on; requests no route served (REST's catch-all, 404s, bodies refused
 * before routing) are `unmatched`.
 */
function routePattern(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  return typeof route?.path === "string" ? `${req.baseUrl}${route.path}` : UNMATCHED;
}

function doorOf(path: string): Door | null {
  if (path === "/graphql" || path.startsWith("/graphql/")) return "graphql";
  if (path === REST_PREFIX || path.startsWith(`${REST_PREFIX}/`)) return "rest";
  return null;
}

/** The code behind a REST status that no error handler named (the catch-all's 400 for what Zep has and we lack). */
function codeBehind(status: number): string {
  if (status === 404) return ErrorCode.NOT_FOUND;
  if (status === 503) return ErrorCode.SERVICE_UNAVAILABLE;
  if (status >= 500) return ErrorCode.INTERNAL_SERVER_ERROR;
  return ErrorCode.BAD_REQUEST;
}
