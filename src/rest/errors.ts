import type { ErrorRequestHandler, Request } from "express";
import { type GraphQLFormattedError, GraphQLError } from "graphql";
import type { Logger } from "pino";
import { ErrorCode, type Naming, UsergraphError, statusOf } from "../errors";
import { createFormatError } from "../formatError";
import { recordErrorCode } from "../http/accessLog";
import { bodyProblem, clientStatusOf } from "../http/errors";

// Errors as Zep sends them: a JSON body `{ "message": "..." }` and the status the SDKs turn into their own
// error classes (400 BadRequestError, 404 NotFoundError, 500 InternalServerError). The decision what a
// client may see is formatError's, the same as on the GraphQL route: our codes pass, anything else is
// logged in full and masked; the status comes from the same table of codes.

/** REST names for fields, where snake_case is not the rule ("first" is "limit"). */
export type FieldNames = Readonly<Record<string, string>>;

/** How REST names a field: the route's own name for it, else snake_case, one identifier of a path at a time. */
export function restNaming(names: FieldNames = {}): Naming {
  return (field) =>
    field.replace(/[A-Za-z][A-Za-z0-9]*/g, (word) =>
      Object.hasOwn(names, word) ? (names[word] as string) : word.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
    );
}

export function restErrorHandler(logger: Logger): ErrorRequestHandler {
  const format = createFormatError(logger);
  return (error: unknown, req, res, next) => {
    // A response already under way cannot change its status; Express's own handler closes it.
    if (res.headersSent) {
      next(error);
      return;
    }
    // express.json's own errors (malformed JSON, a body too large) are the client's: 4xx, with a plain message.
    const bodyStatus = error instanceof GraphQLError ? null : clientStatusOf(error);
    if (bodyStatus !== null) {
      recordErrorCode(res, ErrorCode.BAD_REQUEST);
      res.status(bodyStatus).json({ message: bodyProblem(error) });
      return;
    }
    const formatted = format(formattedOf(error, req), error);
    const code = formatted.extensions?.code;
    recordErrorCode(res, typeof code === "string" ? code : ErrorCode.INTERNAL_SERVER_ERROR);
    const status = statusOf(code);
    // Zep's SDKs wait as long as Retry-After says before they retry a 429.
    const retryAfter = formatted.extensions?.retryAfter;
    if (typeof retryAfter === "number") res.setHeader("Retry-After", String(retryAfter));
    const message =
      status !== 500 && error instanceof UsergraphError
        ? error.wordedFor(restNaming((res.locals.fieldNames ?? {}) as FieldNames))
        : formatted.message;
    res.status(status).json({ message });
  };
}

function formattedOf(error: unknown, req: Request): GraphQLFormattedError {
  // The route stands where a GraphQL error has its path, so the log line of a masked error names it.
  const path = [req.method, req.originalUrl];
  if (error instanceof GraphQLError) return { message: error.message, extensions: error.extensions, path };
  return { message: error instanceof Error ? error.message : String(error), path };
}
