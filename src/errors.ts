import { GraphQLError } from "graphql";

// One enum of the codes a client can branch on; each error the service raises on purpose carries one in
// `extensions.code`. Anything else is a bug or an outage and reaches the client masked (see formatError).
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  USER_ALREADY_EXISTS: "USER_ALREADY_EXISTS",
  THREAD_ALREADY_EXISTS: "THREAD_ALREADY_EXISTS",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes the client may see with the original message; every other error is masked. */
const PUBLIC_CODES: ReadonlySet<string> = new Set([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.USER_ALREADY_EXISTS,
  ErrorCode.THREAD_ALREADY_EXISTS,
  ErrorCode.SERVICE_UNAVAILABLE,
  // graphql-js and Apollo's own request errors
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

export function isPublicCode(code: unknown): boolean {
  return typeof code === "string" && PUBLIC_CODES.has(code);
}

export function badUserInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) } });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND } });
}

export function userAlreadyExists(userId: string): GraphQLError {
  // Zep's wording, so clients that match on it keep working.
  return new GraphQLError(`user already exists with user_id: ${userId}`, {
    extensions: { code: ErrorCode.USER_ALREADY_EXISTS },
  });
}

export function threadAlreadyExists(threadId: string): GraphQLError {
  return new GraphQLError(`thread already exists with thread_id: ${threadId}`, {
    extensions: { code: ErrorCode.THREAD_ALREADY_EXISTS },
  });
}

export function serviceUnavailable(cause: unknown): GraphQLError {
  return new GraphQLError("the database is unavailable; try again shortly", {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    originalError: cause instanceof Error ? cause : undefined,
  });
}
