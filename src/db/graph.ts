import { randomUUID } from "node:crypto";
import { badUserInput, notFound } from "../errors";
import type { NewData } from "../domain/graph/dataInput";
import type { NewFactTriple } from "../domain/graph/factInput";
import type { Summarizer } from "../domain/graph/summarizer";
import type { Database, Row, StatementRunner } from "./database";
import { recordEpisodes } from "./episodes";
import { toEpisodeRecord, toFactRecord } from "./graphRows";
import type { EpisodeRecord, FactRecord } from "./records";
import { refreshSummaries } from "./summaries";
import { lockOwningUser } from "./worldLock";

/**
 * Writes to users' knowledge graphs. Every write is one transaction that also recomputes the summaries
 * of the nodes whose facts it changed, so a summary never states a fact that no longer holds.
 */
export class GraphStore {
  constructor(
    private readonly db: Database,
    private readonly projectId: string,
    private readonly summarizer: Summarizer,
  ) {}

  addFactTriple(userId: string, triple: NewFactTriple): Promise<FactRecord> {
    return this.db.writeTransaction(async (tx) => {
      if ((await lockOwningUser(tx, "user.owner", { projectId: this.projectId, userId })) !== "live") {
        throw notFound(`no user with userId "${userId}"`);
      }
      const rows = await tx.run("fact.add-triple", {
        projectId: this.projectId,
        userId,
        source: { uuid: randomUUID(), ...triple.source },
        target: { uuid: randomUUID(), ...triple.target },
        fact: {
          uuid: randomUUID(),
          name: triple.name,
          fact: triple.fact,
          validAt: triple.validAt?.toISOString() ?? null,
          invalidAt: triple.invalidAt?.toISOString() ?? null,
        },
        episode: { uuid: randomUUID(), content: triple.fact },
        threadId: triple.threadId,
      });
      const row = rows[0];
      // Throwing inside the transaction rolls everything back.
      if (!row || row.userLive !== true) throw notFound(`no user with userId "${userId}"`);
      if (row.threadFound !== true) throw notFound(`user "${userId}" has no thread with threadId "${triple.threadId}"`);
      const fact = toFactRecord(row.fact as Row);
      await refreshSummaries(tx, this.projectId, this.summarizer, [fact.sourceNodeUuid, fact.targetNodeUuid]);
      return fact;
    });
  }

  invalidateFact(uuid: string, invalidAt: Date | null): Promise<FactRecord> {
    return this.db.writeTransaction(async (tx) => {
      if ((await lockOwningUser(tx, "fact.owner", { projectId: this.projectId, uuid })) !== "live") {
        throw notFound(`no fact with uuid "${uuid}"`);
      }
      const rows = await tx.run("fact.invalidate", {
        projectId: this.projectId,
        uuid,
        invalidAt: invalidAt?.toISOString() ?? null,
      });
      const row = rows[0];
      if (!row) throw notFound(`no fact with uuid "${uuid}"`);
      if (row.beforeValidAt === true) throw badUserInput("invalidAt is before the fact's validAt", "invalidAt");
      const fact = toFactRecord(row.fact as Row);
      await refreshSummaries(tx, this.projectId, this.summarizer, [fact.sourceNodeUuid, fact.targetNodeUuid]);
      return fact;
    });
  }

  /** Removes a fact; false for an unknown uuid. */
  deleteFact(uuid: string): Promise<boolean> {
    return this.db.writeTransaction(async (tx) => {
      if ((await lockOwningUser(tx, "fact.owner", { projectId: this.projectId, uuid })) !== "live") return false;
      const rows = await tx.run("fact.delete", { projectId: this.projectId, uuid });
      const row = rows[0];
      if (!row) return false;
      await this.dropOrphansAndRefresh(tx, row.affected as string[]);
      return true;
    });
  }

  addData(user: { userId: string; uuid: string }, data: NewData): Promise<EpisodeRecord & { mentioned: string[] }> {
    return this.db.writeTransaction(async (tx) => {
      if ((await lockOwningUser(tx, "user.owner", { projectId: this.projectId, userId: user.userId })) !== "live") {
        throw notFound(`no user with userId "${user.userId}"`);
      }
      const recorded = await recordEpisodes(tx, this.projectId, user.uuid, [
        { ...data, threadId: null, messageUuid: null, createdAt: null },
      ]);
      const episode = recorded?.episodes[0];
      if (!recorded?.userLive || !episode) throw notFound(`no user with userId "${user.userId}"`);
      return { ...toEpisodeRecord(episode), mentioned: episode.mentioned };
    });
  }

  /**
   * Inside a deleteThread transaction: removes the thread's episodes and the facts only they support,
   * then (after the caller removed the thread) drops nodes left with nothing and refreshes summaries.
   */
  async forgetThreadEpisodes(tx: StatementRunner, threadId: string): Promise<string[]> {
    const rows = await tx.run("thread.forget-episodes", { projectId: this.projectId, threadId });
    return (rows[0]?.affected as string[] | undefined) ?? [];
  }

  async dropOrphansAndRefresh(tx: StatementRunner, affected: readonly string[]): Promise<void> {
    if (affected.length === 0) return;
    const rows = await tx.run("entity.delete-orphans", { projectId: this.projectId, uuids: [...new Set(affected)] });
    const remaining = rows.filter((row) => row.deleted !== true).map((row) => row.uuid as string);
    await refreshSummaries(tx, this.projectId, this.summarizer, remaining);
  }
}
