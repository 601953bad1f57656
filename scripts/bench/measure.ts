// Timing only: how long each side of a comparison takes, as the median of several repetitions. The two
// sides take turns (ours first on even repetitions, the baseline first on odd ones), so that a drift in
// the machine's state during the run (caches warming, a neighbour's load) falls on both alike.

export interface Timing {
  medianMs: number;
  samplesMs: number[];
}

export interface Comparison {
  ours: Timing;
  baseline: Timing;
}

export interface CompareOptions {
  /** Untimed runs of each side first, to warm the JIT, the driver's pool and Neo4j's caches and plans. */
  warmups: number;
  repetitions: number;
  ours: () => Promise<unknown>;
  baseline: () => Promise<unknown>;
}

export async function compare(options: CompareOptions): Promise<Comparison> {
  if (options.repetitions < 1) throw new Error(`repetitions must be at least 1; got ${options.repetitions}`);
  for (let i = 0; i < options.warmups; i += 1) {
    await options.ours();
    await options.baseline();
  }
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < options.repetitions; i += 1) {
    if (i % 2 === 0) {
      ours.push(await timeMs(options.ours));
      baseline.push(await timeMs(options.baseline));
    } else {
      baseline.push(await timeMs(options.baseline));
      ours.push(await timeMs(options.ours));
    }
  }
  return { ours: timing(ours), baseline: timing(baseline) };
}

export async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export function timing(samplesMs: number[]): Timing {
  return { medianMs: median(samplesMs), samplesMs: samplesMs.map(round2) };
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return round2(value);
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
