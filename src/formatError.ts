import { unwrapResolverError } from "@apollo/server/errors";
import { type GraphQLFormattedError, GraphQLError } from "graphql";
import type { Logger } from "pino";
import { ErrorCode, isPublicCode } from "./errors";
import { currentRequestLogger } from "./observability/requestScope";

// graphql-js suggests what a client may have meant: `Did you mean "users"?`, `Did you mean the enum value
// "USER"?`, `Did you mean to use an inline fragment on "User"?`. Each names a part of the schema, which
// production keeps to itself when introspection is off.
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * Errors we raise on purpose (a public code) reach the client as they are. Anything else is logged in
 * full, with its cause, and reaches the client as INTERNAL_SERVER_ERROR with no internals. With
 * `hideSuggestions` (production), no message suggests field, argument, type or enum value names. Apollo
 * passes no request here, so the log line finds the request's id through its scope.
 */
export function createFormatError(logger: Logger, options: { hideSuggestions?: boolean } = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = original instanceof GraphQLError ? original.extensions.code : formatted.extensions?.code;
    const log = currentRequestLogger(logger);
    if (isPublicCode(code)) {
      if (code === ErrorCode.SERVICE_UNAVAILABLE) log.warn({ err: original }, "database unavailable");
      return options.hideSuggestions ? { ...formatted, message: formatted.message.replace(SUGGESTION, "") } : formatted;
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
