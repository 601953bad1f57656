import { unwrapResolverError } from "@apollo/server/errors";
import { type GraphQLFormattedError, GraphQLError } from "graphql";
import type { Logger } from "pino";
import { ErrorCode, isPublicCode } from "./errors";
import { currentRequestLogger } from "./observability/requestScope";

/**
 * Errors we raise on purpose (a public code) reach the client as they are. Anything else is logged in
 * full, with its cause, and reaches the client as INTERNAL_SERVER_ERROR with no internals. Apollo passes no
 * request here, so the log line finds the request's id through its scope.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = original instanceof GraphQLError ? original.extensions.code : formatted.extensions?.code;
    const log = currentRequestLogger(logger);
    if (isPublicCode(code)) {
      if (code === ErrorCode.SERVICE_UNAVAILABLE) log.warn({ err: original }, "database unavailable");
      return formatted;
    }
    log.error({ err: original, path: formatted.path }, "internal error");
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
