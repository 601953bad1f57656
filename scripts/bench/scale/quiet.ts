// After a bulk import Neo4j goes on working by itself for a while: Lucene merges the text and full-text
// indexes' segments, indexes are resampled, dirty pages are flushed. Reads timed meanwhile share the
// machine with that work and measure it as much as themselves, and only at the size just imported. So the
// scale scenario waits until the throwaway Neo4j's process has used almost no CPU for a few seconds, and
// reports how long that took. An external Neo4j (maybe on another machine) cannot be watched: no wait.
import { readFile } from "node:fs/promises";
import type { BenchNeo4j } from "../neo4j";

/** Linux counts a process's CPU time in /proc in USER_HZ ticks, 100 a second on every Linux Node runs on. */
const TICKS_PER_SECOND = 100;
const WINDOW_MS = 2000;
/** Quiet: under this share of one core in each of QUIET_WINDOWS windows in a row. */
const QUIET_SHARE = 0.05;
const QUIET_WINDOWS = 3;

export interface QuietWait {
  /** How long the wait took, in seconds; null when the Neo4j could not be watched. */
  seconds: number | null;
  /** Whether it went quiet before the limit (false: the reads were timed anyway). */
  quiet: boolean;
}

export async function waitUntilQuiet(target: BenchNeo4j, limitMs = 5 * 60_000): Promise<QuietWait> {
  if (target.pid === null) return { seconds: null, quiet: false };
  const pid = target.pid;
  const started = performance.now();
  let quietWindows = 0;
  let before = await cpuTicks(pid);
  if (before === null) return { seconds: null, quiet: false };
  while (quietWindows < QUIET_WINDOWS && performance.now() - started < limitMs) {
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const after = await cpuTicks(pid);
    if (after === null) return { seconds: null, quiet: false };
    const share = (after - before) / TICKS_PER_SECOND / (WINDOW_MS / 1000);
    quietWindows = share < QUIET_SHARE ? quietWindows + 1 : 0;
    before = after;
  }
  return { seconds: Math.round((performance.now() - started) / 100) / 10, quiet: quietWindows >= QUIET_WINDOWS };
}

/** User plus system CPU time of every thread of the process so far, in ticks; null off Linux. */
async function cpuTicks(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  if (stat === null) return null;
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the
  // 14th and 15th fields of the line, the 12th and 13th after the name.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}
