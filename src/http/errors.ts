import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { ErrorCode } from "../errors";
import { recordErrorCode } from "./accessLog";
import { requestLogger } from "./requestId";

// What Express would answer with its own HTML page (a stack with file paths outside production), answered
// as JSON instead: a client mistake is 4xx in the door's own form, anything else a masked 500.

/** body-parser's errors carry the status they mean (400 malformed, 413 too large, 415 charset or encoding). */
export function clientStatusOf(error: unknown): number | null {
  if (typeof error !== "object" || error === null || !("status" in error)) return null;
  const status = (error).status;
  return typeof status === "number" && status >= 400 && status < 500 ? status : null;
}

export function bodyProblem(error: unknown): string {
  if (error instanceof URIError) return "the request path is not valid percent-encoding";
  const type = typeof error === "object" && error !== null && "type" in error ? String((error).type) : "";
  if (type === "entity.parse.failed") return "the request body is not valid JSON";
  if (type === "entity.too.large") return "the request body is too large; the limit is 2 MB";
  if (type === "charset.unsupported") return "the request body's charset is not supported; send UTF-8";
  if (type === "encoding.unsupported") return "the request body's content encoding is not supported";
  return type ? `the request body cannot be read (${type})` : "the request body cannot be read";
}

/** /graphql: a GraphQL response with BAD_REQUEST for a body that cannot be read, as Apollo answers its own. */
export function graphqlHttpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = clientStatusOf(error);
    if (status === null) return next(error);
    (requestLogger(res) ?? logger).debug({ err: error }, "unreadable GraphQL request body");
    recordErrorCode(res, ErrorCode.BAD_REQUEST);
    res.status(status).json({ errors: [{ message: bodyProblem(error), extensions: { code: ErrorCode.BAD_REQUEST } }] });
  };
}

/** Any other route: JSON, never Express's HTML page. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ message: `${req.method} ${req.path} is not a route of usergraph` });
};

export function lastErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = clientStatusOf(error);
    if (status !== null) {
      recordErrorCode(res, ErrorCode.BAD_REQUEST);
      res.status(status).json({ message: bodyProblem(error) });
      return;
    }
    (requestLogger(res) ?? logger).error({ err: error, method: req.method, path: req.path }, "internal error");
    recordErrorCode(res, ErrorCode.INTERNAL_SERVER_ERROR);
    res.status(500).json({ message: "Internal server error" });
  };
}
