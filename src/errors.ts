import { GraphQLError } from "graphql";

// Every code a client can branch on, with what each door makes of it: the REST status, and whether the
// client sees the message (public) or a masked "Internal server error". The GraphQL masking (formatError)
// and the REST statuses (rest/errors) are both read from this one table.
export const ERROR_CODES = {
  BAD_USER_INPUT: { status: 400, public: true },
  NOT_FOUND: { status: 404, public: true },
  UNAUTHENTICATED: { status: 401, public: true },
  FORBIDDEN: { status: 403, public: true },
  RATE_LIMITED: { status: 429, public: true },
  USER_ALREADY_EXISTS: { status: 400, public: true },
  THREAD_ALREADY_EXISTS: { status: 400, public: true },
  SERVICE_UNAVAILABLE: { status: 503, public: true },
  // An Idempotency-Key sent again with another request, or while its first request still runs
  // (draft-ietf-httpapi-idempotency-key-header, section 2.7).
  IDEMPOTENCY_KEY_REUSED: { status: 422, public: true },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, public: true },
  INTERNAL_SERVER_ERROR: { status: 500, public: false },
  // graphql-js's and Apollo's own request errors
  GRAPHQL_PARSE_FAILED: { status: 400, public: true },
  GRAPHQL_VALIDATION_FAILED: { status: 400, public: true },
  BAD_REQUEST: { status: 400, public: true },
  PERSISTED_QUERY_NOT_FOUND: { status: 400, public: true },
  PERSISTED_QUERY_NOT_SUPPORTED: { status: 400, public: true },
  OPERATION_RESOLUTION_FAILURE: { status: 400, public: true },
} as const satisfies Record<string, { status: number; public: boolean }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ErrorCode = Object.fromEntries(Object.keys(ERROR_CODES).map((code) => [code, code])) as {
  readonly [Code in ErrorCode]: Code;
};

function known(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(ERROR_CODES, code);
}

/** Codes the client may see with the original message; every other error is masked. */
export function isPublicCode(code: unknown): boolean {
  return known(code) && ERROR_CODES[code].public;
}

/** The HTTP status a code answers with over REST; 500 for anything unknown. */
export function statusOf(code: unknown): number {
  return known(code) ? ERROR_CODES[code].status : 500;
}

/**
 * How a door names a field. GraphQL says `userId`; REST says `user_id`, or what its route calls the field
 * (`limit` for `first`). A message that names fields is written as a function of the naming, so each door
 * words it in its own names without rewriting the text, which may echo the client's own data.
 */
export type Naming = (field: string) => string;
export type Words = string | ((name: Naming) => string);

const graphqlNaming: Naming = (field) => field;

/** An error raised on purpose: a code from the table, the field it is about, and words for every door. */
export class UsergraphError extends GraphQLError {
  constructor(
    code: ErrorCode,
    private readonly words: Words,
    field?: string,
    cause?: unknown,
  ) {
    super(typeof words === "string" ? words : words(graphqlNaming), {
      extensions: { code, ...(field ? { field } : {}) },
      originalError: cause instanceof Error ? cause : undefined,
    });
  }

  /** The message in a door's names. */
  wordedFor(naming: Naming): string {
    return typeof this.words === "string" ? this.words : this.words(naming);
  }
}

export function badUserInput(words: Words, field?: string): UsergraphError {
  return new UsergraphError(ErrorCode.BAD_USER_INPUT, words, field);
}

export function notFound(words: Words): UsergraphError {
  return new UsergraphError(ErrorCode.NOT_FOUND, words);
}

// Zep's wording, ids as given, so clients that match on it keep working.
export function userAlreadyExists(userId: string): UsergraphError {
  return new UsergraphError(ErrorCode.USER_ALREADY_EXISTS, `user already exists with user_id: ${userId}`);
}

export function threadAlreadyExists(threadId: string): UsergraphError {
  return new UsergraphError(ErrorCode.THREAD_ALREADY_EXISTS, `thread already exists with thread_id: ${threadId}`);
}

// Credentials that are missing, malformed, unknown, revoked, expired or for another audience all answer the
// same words: which of these it was would help only someone guessing.
export function unauthenticated(words = "invalid credentials"): UsergraphError {
  return new UsergraphError(ErrorCode.UNAUTHENTICATED, words);
}

export function forbidden(words: Words): UsergraphError {
  return new UsergraphError(ErrorCode.FORBIDDEN, words);
}

/** Too many requests; `extensions.retryAfter` is the seconds until the next one is taken (REST's Retry-After). */
export function rateLimited(retryAfterSeconds: number): UsergraphError {
  const error = new UsergraphError(ErrorCode.RATE_LIMITED, `too many requests; try again in ${retryAfterSeconds} s`);
  error.extensions.retryAfter = retryAfterSeconds;
  return error;
}

export function serviceUnavailable(cause: unknown): UsergraphError {
  return new UsergraphError(ErrorCode.SERVICE_UNAVAILABLE, "the database is unavailable; try again shortly", undefined, cause);
}

export function idempotencyKeyReused(key: string): UsergraphError {
  return new UsergraphError(
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
    `Idempotency-Key "${key}" was sent with a different request; a new request needs a new key`,
  );
}

export function idempotencyKeyInUse(key: string): UsergraphError {
  return new UsergraphError(
    ErrorCode.IDEMPOTENCY_KEY_IN_USE,
    `a request with Idempotency-Key "${key}" is still in progress; retry once it has finished`,
  );
}

/** A request that held its key so long that a retry took the key over: its write is rolled back, the retry's stands. */
export function idempotencyKeyTakenOver(): UsergraphError {
  return new UsergraphError(
    ErrorCode.IDEMPOTENCY_KEY_IN_USE,
    "a retry with the same Idempotency-Key took this request over; retry to receive its result",
  );
}

// The messages a missing thing answers with, shared by every place that looks one up.
export const noUser = (userId: string) => notFound((name) => `no user with ${name("userId")} "${userId}"`);
export const noThread = (threadId: string) => notFound((name) => `no thread with ${name("threadId")} "${threadId}"`);
export const noNode = (uuid: string) => notFound(`no node with uuid "${uuid}"`);
export const noFact = (uuid: string) => notFound(`no fact with uuid "${uuid}"`);
