import { randomUUID } from "node:crypto";
import type { RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { type RequestScope, runInRequestScope } from "../observability/requestScope";

// Every request gets an id: the gateway's `x-request-id` when it is a sane token, else a new UUID. The id is
// on every log line of the request (a child logger) and on the response, whatever route answers, so a
// client's report, the gateway's log and ours can be matched.

const REQUEST_ID_HEADER = "x-request-id";

// Anything else (spaces, quotes, control characters, a header sent twice and joined with ", ") could forge
// or break log lines and headers further along; such an id is replaced, not cleaned.
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id an incoming header gives, or null when it is missing or not a sane token. */
function incomingRequestId(header: string | undefined): string | null {
  return header !== undefined && SANE_ID.test(header) ? header : null;
}

/** Mounted first: names the request, answers with its id, and runs the rest of the chain in its scope. */
export function requestId(logger: Logger): RequestHandler {
  return function nameRequest(req, res, next) {
    const id = incomingRequestId(req.get(REQUEST_ID_HEADER)) ?? randomUUID();
    res.setHeader(REQUEST_ID_HEADER, id);
    const scope: RequestScope = { requestId: id, logger: logger.child({ requestId: id }), open: true };
    res.locals.requestScope = scope;
    res.once("close", () => {
      scope.open = false;
    });
    runInRequestScope(scope, next);
  };
}

/** This request's logger, its id on every line; undefined where `requestId` is not mounted (a bare router in a test). */
export function requestLogger(res: Response): Logger | undefined {
  return (res.locals.requestScope as RequestScope | undefined)?.logger;
}
