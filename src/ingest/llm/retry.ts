import { ModelCallError } from "./modelErrors";

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The first backoff's ceiling; each further one doubles, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * The longest Retry-After we wait for within one call. Longer, we give up at once with a retryable error:
   * the queue tries the episode again later instead of holding a worker.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, "maxAttempts"> = { baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };

/** Waits, or rejects as soon as the signal aborts; injectable so that tests see the delays without waiting. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });

export type RequestOutcome = "ok" | "retried" | "failed";

/**
 * Runs `attempt` until it succeeds, retrying retryable ModelCallErrors (network errors, timeouts, 429, 5xx,
 * malformed answers) with exponential backoff and full jitter, or after the Retry-After the endpoint asked
 * for. Anything else, and the caller's abort, ends the loop at once. After the last attempt the error says
 * how many were made and stays retryable, so that the queue may try the work again later. `onOutcome` hears
 * of each retried failure, then of the end: ok or failed (the metrics' request counter).
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  options: { sleep?: Sleep | undefined; onOutcome?: (outcome: RequestOutcome) => void } = {},
): Promise<T> {
  const wait = options.sleep ?? sleep;
  const onOutcome = options.onOutcome ?? (() => undefined);
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      const value = await attempt(attemptNumber);
      onOutcome("ok");
      return value;
    } catch (error) {
      const retry = retryDecision(error, attemptNumber, policy, signal);
      if (retry instanceof Error) {
        onOutcome("failed");
        throw retry;
      }
      onOutcome("retried");
      await wait(retry, signal);
    }
  }
}

/** How long to wait before the next attempt, or the error to end with. */
function retryDecision(error: unknown, attemptNumber: number, policy: RetryPolicy, signal: AbortSignal): number | Error {
  if (signal.aborted) return abortReason(signal);
  if (!(error instanceof ModelCallError) || !error.retryable) return error instanceof Error ? error : new Error(String(error));
  if (attemptNumber >= policy.maxAttempts) {
    return new ModelCallError(`gave up after ${attemptNumber} attempts: ${error.message}`, { retryable: true, status: error.status, cause: error });
  }
  if (error.retryAfterMs !== null && error.retryAfterMs > policy.maxRetryAfterMs) {
    const message = `the endpoint asked to wait ${error.retryAfterMs} ms, longer than one call waits: ${error.message}`;
    return new ModelCallError(message, { retryable: true, status: error.status, retryAfterMs: error.retryAfterMs, cause: error });
  }
  return error.retryAfterMs ?? backoffDelay(attemptNumber, policy);
}

/** Full jitter: a random wait up to base * 2^(attempt - 1), capped; spreads out clients that failed together. */
export function backoffDelay(attemptNumber: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
  return Math.round(random() * ceiling);
}

/**
 * The wait an answer asks for: OpenAI's and Azure's `retry-after-ms`, else `Retry-After` in seconds or as an
 * HTTP date; null when absent or unreadable.
 */
export function retryAfterMs(headers: { get(name: string): string | null }, now: number = Date.now()): number | null {
  const milliseconds = headers.get("retry-after-ms")?.trim();
  if (milliseconds && /^\d+(\.\d+)?$/.test(milliseconds)) return Math.ceil(Number(milliseconds));
  const value = headers.get("retry-after")?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** What the caller aborted with (an AbortError or TimeoutError, both Errors), passed on unchanged. */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(`aborted: ${String(reason)}`);
}
