import type { BenchApp, StatementCount } from "../benchApp";
import { compare, round2 } from "../measure";
import type { SideResult } from "../report";

export interface Side {
  method: string;
  run: () => Promise<unknown>;
}

export interface SidesOptions {
  warmups: number;
  repetitions: number;
  ours: Side;
  baseline: Side;
}

/**
 * Times both sides (see measure.ts) and counts the statements each sends per run: the service's from its
 * Cypher counter, the baseline's from its own. Both counts cover every run, warm-ups included, and are
 * divided by the number of runs.
 */
export async function measureSides(
  app: BenchApp,
  options: SidesOptions,
): Promise<{ ours: SideResult; baseline: SideResult; ratio: number }> {
  const oursBefore = await app.statements();
  const baselineBefore = app.baseline.statements;
  const timings = await compare({ ...options, ours: options.ours.run, baseline: options.baseline.run });
  const runs = options.warmups + options.repetitions;
  const oursCount = perRun(difference(await app.statements(), oursBefore), runs);
  const ours: SideResult = { method: options.ours.method, ...timings.ours, ...oursCount, byQuery: oursCount.byQuery };
  const baseline: SideResult = {
    method: options.baseline.method,
    ...timings.baseline,
    statements: round2((app.baseline.statements - baselineBefore) / runs),
  };
  return { ours, baseline, ratio: ratio(baseline.medianMs, ours.medianMs) };
}

/** How the read baselines run their statements, said in their results. */
export const SEQUENTIAL_NOTE =
  "the baseline sends its statements one after another, as resolvers sharing one session would; " +
  "fired concurrently over the driver's pool they would finish sooner, so the ratio is an upper bound";

export function ratio(baselineMs: number, oursMs: number): number {
  return Math.round((baselineMs / oursMs) * 100) / 100;
}

export function difference(after: StatementCount, before: StatementCount): StatementCount {
  const byQuery: Record<string, number> = {};
  for (const [query, n] of Object.entries(after.byQuery)) {
    const delta = n - (before.byQuery[query] ?? 0);
    if (delta > 0) byQuery[query] = delta;
  }
  return { total: after.total - before.total, byQuery };
}

function perRun(count: StatementCount, runs: number): { statements: number; byQuery: Record<string, number> } {
  const byQuery = Object.fromEntries(Object.entries(count.byQuery).map(([query, n]) => [query, round2(n / runs)]));
  return { statements: round2(count.total / runs), byQuery };
}

/**
 * A comparison only means something when both sides did the same work: fails the run when their
 * answers differ, naming the first place they part.
 */
export function expectSame(what: string, ours: unknown, baseline: unknown): void {
  const a = JSON.stringify(ours);
  const b = JSON.stringify(baseline);
  if (a === b) return;
  let at = 0;
  while (at < a.length && a[at] === b[at]) at += 1;
  throw new Error(
    `${what}: ours and the baseline disagree from character ${at}: ours …${a.slice(at, at + 80)}… ` +
      `vs baseline …${b.slice(at, at + 80)}…`,
  );
}
