// Throughput under concurrency: `clients` loops, each sending its next request as soon as its last one
// answered, for a fixed time after a warm-up. Requests still in flight at the end are waited for and
// counted, over the time until the last one answered: a side whose requests outlast the window is then
// measured by the requests it did finish, not reported as zero. Failures are counted, not fatal: a side
// that falls over under load is a finding.
import { round2 } from "../measure";

export interface LoadOptions {
  clients: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50Ms: number | null;
  p99Ms: number | null;
  firstError?: string;
}

export async function runLoad(work: () => Promise<unknown>, options: LoadOptions): Promise<LoadResult> {
  await window(work, options.clients, options.warmupMs);
  return window(work, options.clients, options.durationMs);
}

async function window(work: () => Promise<unknown>, clients: number, durationMs: number): Promise<LoadResult> {
  // Each client sends until the deadline; the window closes when the last answer arrives.
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const end = start + durationMs;
  const client = async (): Promise<void> => {
    while (performance.now() < end) {
      const sent = performance.now();
      try {
        await work();
        latencies.push(performance.now() - sent);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message.slice(0, 200) : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const elapsedMs = performance.now() - start;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    errors,
    requestsPerSecond: round2((sorted.length * 1000) / elapsedMs),
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    ...(firstError ? { firstError } : {}),
  };
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return round2(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);
}
