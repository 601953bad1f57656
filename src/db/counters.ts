import { randomInt } from "node:crypto";
import type { Database, StatementRunner } from "./database";
import { firstRow } from "./row";

/** What a project counts with striped counters: numbers that a page statement would otherwise scan for. */
export type CounterName = "users" | "threads";

/** Enough stripes that concurrent writers seldom meet on one; few enough that a sum reads 16 nodes at most. */
export const COUNTER_STRIPES = 16;

/** Inside the transaction of the change it counts: a random stripe, so concurrent writers spread out. */
export async function addToCounter(tx: StatementRunner, projectId: string, name: CounterName, delta: number): Promise<void> {
  if (delta === 0) return;
  await tx.run("counter.add", { projectId, name, stripe: randomInt(COUNTER_STRIPES), delta });
}

export async function readCounter(db: Database, projectId: string, name: CounterName): Promise<number> {
  return firstRow(await db.read("counter.sum", { projectId, name })).number("count");
}
