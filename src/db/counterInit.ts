import type { Database } from "./database";

// Project-wide counters start from the data already stored, once per project, at start-up: before the
// service takes writes, and before interrupted deletions are finished (they take threads off the counter,
// so the threads they remove must have been counted). One function per counter.

/** Starts the project's "threads" counter if it has not been: idempotent, and safe with two instances starting together. */
export async function startThreadCounter(db: Database, projectId: string): Promise<void> {
  await db.write("counter.init-threads", { projectId });
}
