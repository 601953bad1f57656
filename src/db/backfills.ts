import type { Database } from "./database";
import { firstRow } from "./row";
import type { StatementName } from "./statements";

// Properties that the list statements read through indexes, which data written before them lacks. Each
// backfill runs at start-up in batches of users' worlds, each batch its own transaction, until none is
// left; then a marker makes later start-ups skip it with one lookup. Setting only what is missing makes a
// backfill safe to repeat, and to run on two instances at once.

/** Users' worlds per transaction: small enough to bound a transaction, large enough to finish quickly. */
const BACKFILL_BATCH_USERS = 50;

/** Messages' threadUuid, by which message_project_thread_seq pages a thread's messages. */
export function backfillMessageThreadUuids(db: Database, projectId: string): Promise<number> {
  return backfill(db, projectId, "message-thread-uuid", "message.backfill-thread-uuid");
}

/** Facts' sourceNodeUuid and targetNodeUuid, by which the fact indexes page a node's facts. */
export function backfillFactNodeUuids(db: Database, projectId: string): Promise<number> {
  return backfill(db, projectId, "fact-node-uuids", "fact.backfill-node-uuids");
}

/** Runs one backfill to its end unless it finished before; returns how many items it updated. */
async function backfill(db: Database, projectId: string, name: string, batch: StatementName): Promise<number> {
  if (firstRow(await db.read("backfill.finished", { projectId, name })).flag("finished")) return 0;
  let updated = 0;
  let afterUserId = "";
  for (;;) {
    const row = firstRow(await db.write(batch, { projectId, afterUserId, batchSize: BACKFILL_BATCH_USERS }));
    updated += row.number("updated");
    const lastUserId = row.optionalString("lastUserId");
    if (lastUserId === null) break;
    afterUserId = lastUserId;
  }
  await db.write("backfill.finish", { projectId, name });
  return updated;
}
