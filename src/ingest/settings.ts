import type { RetryPolicy } from "./pipeline";

// The ingestion worker's settings and their defaults, in a module of their own so that the configuration
// reads the defaults without loading the worker.

export interface WorkerSettings extends RetryPolicy {
  /** Episodes processed at once, each of a different user. */
  concurrency: number;
  /** How long a claim holds an episode without renewal; renewed every third of it while the work goes on. */
  leaseMs: number;
  /** How often an idle worker looks for work (writes in this process wake it at once). */
  pollMs: number;
  /** The longest one extraction may take before it counts as a failed attempt. */
  extractTimeoutMs: number;
  /** On stop: how long episodes in progress may take to finish before they are given back. */
  drainMs: number;
}

export const DEFAULT_INGEST_SETTINGS: WorkerSettings = {
  concurrency: 4,
  leaseMs: 60_000,
  pollMs: 1000,
  maxAttempts: 4,
  retryBaseMs: 2000,
  extractTimeoutMs: 120_000,
  drainMs: 10_000,
};
