import type { Logger } from "pino";
import { backfillFactNodeUuids, backfillMessageThreadUuids } from "./db/backfills";
import { startThreadCounter } from "./db/counterInit";
import type { Database } from "./db/database";
import { UserStore } from "./db/users";
import { factListSummarizer } from "./domain/graph/summarizer";

/**
 * What a project needs before this instance serves it: counters started from data stored before they
 * existed, the keys list indexes read backfilled, and deletions an earlier run left half done finished.
 * Each step is idempotent and safe when two instances start together; each marks itself done, so a later
 * start costs an index lookup per step.
 */
export async function prepareProject(db: Database, projectId: string, logger: Logger): Promise<void> {
  await startThreadCounter(db, projectId);
  const backfilled = {
    messages: await backfillMessageThreadUuids(db, projectId),
    facts: await backfillFactNodeUuids(db, projectId),
  };
  if (backfilled.messages + backfilled.facts > 0) logger.info(backfilled, "backfilled the keys that list indexes read");
  // Deletion needs no summarizer: the whole world goes.
  const users = new UserStore(db, projectId, factListSummarizer);
  const finished = await users.finishInterruptedDeletions();
  if (finished > 0) logger.info({ finished }, "finished interrupted user deletions");
  // Before this instance adds a user: users stored before the counter and the list indexes existed are
  // counted once and given the keys the indexes read.
  const counted = await users.initialiseCounter();
  if (counted !== null) logger.info({ counted }, "started the project's user counter from its stored users");
  const keyed = await users.backfillListKeys();
  if (keyed > 0) logger.info({ backfilled: keyed }, "wrote the list keys of users stored before the list indexes");
}
