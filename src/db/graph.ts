import { randomUUID } from "node:crypto";
import type { NewData } from "../domain/graph/dataInput";
import type { NewFactTriple } from "../domain/graph/factInput";
import type { Summarizer } from "../domain/graph/summarizer";
import type { FactRecord } from "../model";
import type { Database, StatementRunner } from "./database";
import { type RecordedEpisode, recordEpisodes } from "./episodes";
import { refreshSummaries } from "./summaries";
import { toFactRecord } from "./toRecords";
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

  /** "missing-user" for an unknown user (or one being deleted), "missing-thread" for a threadId the user lacks. */
  addFactTriple(userId: string, triple: NewFactTriple): Promise<FactRecord | "missing-user" | "missing-thread"> {
    return this.db.writeTransaction<FactRecord | "missing-user" | "missing-thread">(async (tx, rollback) => {
      if ((await lockOwningUser(tx, "user.owner", { projectId: this.projectId, userId })) !== "live") return rollback("missing-user");
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
      if (!row?.flag("userLive")) return rollback("missing-user");
      if (!row.flag("threadFound")) return rollback("missing-thread");
      const fact = toFactRecord(row.row("fact"));
      await refreshSummaries(tx, this.projectId, this.summarizer, [fact.sourceNodeUuid, fact.targetNodeUuid]);
      return fact;
    });
  }

  /** "missing" for an unknown fact; "before-valid-at" (nothing written) when invalidAt precedes the fact's validAt. */
  invalidateFact(uuid: string, invalidAt: Date | null): Promise<FactRecord | "missing" | "before-valid-at"> {
    return this.db.writeTransaction<FactRecord | "missing" | "before-valid-at">(async (tx, rollback) => {
      if ((await lockOwningUser(tx, "fact.owner", { projectId: this.projectId, uuid })) !== "live") return rollback("missing");
      const rows = await tx.run("fact.invalidate", {
        projectId: this.projectId,
        uuid,
        invalidAt: invalidAt?.toISOString() ?? null,
      });
      const row = rows[0];
      if (!row) return rollback("missing");
      if (row.flag("beforeValidAt")) return rollback("before-valid-at");
      const fact = toFactRecord(row.row("fact"));
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
      await this.dropOrphansAndRefresh(tx, row.strings("affected"));
      return true;
    });
  }

  /** Records a TEXT or JSON episode; "missing" for an unknown user (or one being deleted). */
  addData(user: { userId: string; uuid: string }, data: NewData): Promise<RecordedEpisode | "missing"> {
    return this.db.writeTransaction<RecordedEpisode | "missing">(async (tx, rollback) => {
      if ((await lockOwningUser(tx, "user.owner", { projectId: this.projectId, userId: user.userId })) !== "live") return rollback("missing");
      const recorded = await recordEpisodes(tx, this.projectId, user.uuid, [
        { ...data, threadId: null, messageUuid: null, createdAt: null },
      ]);
      const episode = recorded?.episodes[0];
      if (!recorded?.userLive || !episode) return rollback("missing");
      return episode;
    });
  }

  /**
   * Inside a deleteThread transaction: removes the thread's episodes and the facts only they support,
   * then (after the caller removed the thread) drops nodes left with nothing and refreshes summaries.
   */
  async forgetThreadEpisodes(tx: StatementRunner, threadId: string): Promise<string[]> {
    const rows = await tx.run("thread.forget-episodes", { projectId: this.projectId, threadId });
    return rows[0]?.optionalStrings("affected") ?? [];
  }

  async dropOrphansAndRefresh(tx: StatementRunner, affected: readonly string[]): Promise<void> {
    if (affected.length === 0) return;
    const rows = await tx.run("entity.delete-orphans", { projectId: this.projectId, uuids: [...new Set(affected)] });
    const remaining = rows.filter((row) => !row.flag("deleted")).map((row) => row.string("uuid"));
    await refreshSummaries(tx, this.projectId, this.summarizer, remaining);
  }
}
