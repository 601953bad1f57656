import type { ErrorRequestHandler, Request } from "express";
import { type GraphQLFormattedError, GraphQLError } from "graphql";
import type { Logger } from "pino";
import { ErrorCode } from "../errors";
import { createFormatError } from "../formatError";

// Errors as Zep sends them: a JSON body `{ "message": "..." }` and the status the SDKs turn into their own
// error classes (400 BadRequestError, 404 NotFoundError, 500 InternalServerError). The decision what a
// client may see is formatError's, the same as on the GraphQL route: our codes pass, anything else is
// logged in full and masked.

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.USER_ALREADY_EXISTS]: 400,
  [ErrorCode.THREAD_ALREADY_EXISTS]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/** Messages already in Zep's own words, ids included as they are. */
const ZEP_WORDED: ReadonlySet<unknown> = new Set([ErrorCode.USER_ALREADY_EXISTS, ErrorCode.THREAD_ALREADY_EXISTS]);

/** REST names for the names a shared error message uses, where snake_case is not the rule ("first" is "limit"). */
export type FieldNames = Readonly<Record<string, string>>;

export function restErrorHandler(logger: Logger): ErrorRequestHandler {
  const format = createFormatError(logger);
  return (error: unknown, req, res, next) => {
    // A response already under way cannot change its status; Express's own handler closes it.
    if (res.headersSent) {
      next(error);
      return;
    }
    const fromBody = bodyParserError(error);
    if (fromBody) {
      res.status(fromBody.status).json({ message: fromBody.message });
      return;
    }
    const formatted = format(formattedOf(error, req), error);
    const code = formatted.extensions?.code;
    const status = (typeof code === "string" ? STATUS_BY_CODE[code] : undefined) ?? 500;
    const field = formatted.extensions?.field;
    const message =
      status === 500 || ZEP_WORDED.has(code)
        ? formatted.message
        : restNames(formatted.message, (res.locals.fieldNames ?? {}) as FieldNames, typeof field === "string" ? field : undefined);
    res.status(status).json({ message });
  };
}

function formattedOf(error: unknown, req: Request): GraphQLFormattedError {
  // The route stands where a GraphQL error has its path, so the log line of a masked error names it.
  const path = [req.method, req.originalUrl];
  if (error instanceof GraphQLError) return { message: error.message, extensions: error.extensions, path };
  return { message: error instanceof Error ? error.message : String(error), path };
}

/** express.json's own errors (malformed JSON, a body too large) are the client's: 4xx, with a plain message. */
function bodyParserError(error: unknown): { status: number; message: string } | null {
  if (typeof error !== "object" || error === null || !("type" in error) || !("status" in error)) return null;
  const { type, status } = error;
  if (typeof type !== "string" || typeof status !== "number" || status < 400 || status >= 500) return null;
  if (type === "entity.parse.failed") return { status, message: "the request body is not valid JSON" };
  if (type === "entity.too.large") return { status, message: "the request body is too large; the limit is 2 MB" };
  return { status, message: `the request body cannot be read (${type})` };
}

/** Names the shared messages use besides the field in error (`no user with userId "…"`, `invalidAt (…) is before validAt`). */
const SHARED_NAMES = ["userId", "threadId", "validAt", "invalidAt"];

/**
 * The shared services word their messages with GraphQL's names (`userId must not be blank`). Over REST the
 * same message uses the REST names: the error's field, the route's `names` and the few names shared messages
 * mention become snake_case (`user_id`) or what `names` says. Nothing else changes: neither quoted text nor
 * any other word, since a message may echo the client's own data.
 */
export function restNames(message: string, names: FieldNames = {}, field?: string): string {
  const vocabulary = new Set([...SHARED_NAMES, ...Object.keys(names), ...(field?.match(/[A-Za-z][A-Za-z0-9]*/g) ?? [])]);
  const rename = (word: string): string => {
    if (!vocabulary.has(word)) return word;
    return Object.hasOwn(names, word) ? (names[word] as string) : word.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  };
  return message
    .split(/("(?:[^"\\]|\\.)*")/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/\b[A-Za-z][A-Za-z0-9]*\b/g, rename)))
    .join("");
}
