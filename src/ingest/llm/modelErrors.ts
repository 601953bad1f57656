/**
 * Why a call to a model endpoint failed, and whether trying again later could help. The retry loop reads
 * `retryable` (and `retryAfterMs`) within one call; the ingestion queue reads it once the retries are spent,
 * to decide between trying the episode again later and marking it failed with this message.
 */
export class ModelCallError extends Error {
  override readonly name: string = "ModelCallError";
  readonly retryable: boolean;
  /** The HTTP status, when the endpoint answered. */
  readonly status: number | null;
  /** How long the endpoint asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | null;

  constructor(message: string, options: { retryable: boolean; status?: number | null; retryAfterMs?: number | null; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable;
    this.status = options.status ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/** An episode's calls used, or would use, more tokens than LLM_MAX_TOKENS_PER_EPISODE allows: never retried. */
export class TokenBudgetExceeded extends ModelCallError {
  override readonly name = "TokenBudgetExceeded";

  constructor(message: string) {
    super(message, { retryable: false });
  }
}

/** Whether a later attempt at the same work could succeed (the queue's question about a failed episode). */
export function isRetryableModelError(error: unknown): boolean {
  return error instanceof ModelCallError && error.retryable;
}
