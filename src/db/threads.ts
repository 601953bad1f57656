import { randomUUID } from "node:crypto";
import type { NewMessage } from "../domain/threadInput";
import type { InstantIdKey, MessageRecord, PageRequest, PageRows, SeqKey, ThreadOrder, ThreadRecord } from "../model";
import { type Database, isConstraintViolation } from "./database";
import { recordEpisodes } from "./episodes";
import type { GraphStore } from "./graph";
import { firstRow, mapOptional, toPageRows } from "./row";
import { toMessageRecord, toThreadRecord } from "./toRecords";
import { lockOwningUser } from "./worldLock";

/** A message to append, with the words its MESSAGE episode describes its source in. */
export type MessageToAdd = NewMessage & { episodeDescription: string };

/** Threads and messages of one project: every statement filters on the project. */
export class ThreadStore {
  constructor(
    private readonly db: Database,
    private readonly projectId: string,
    private readonly graph: GraphStore,
  ) {}

  /** Creates a thread for a live user; "missing" for an unknown user (or one being deleted), "exists" for a taken threadId. */
  async create(input: { threadId: string; userId: string; metadata: Record<string, unknown> | null }): Promise<ThreadRecord | "missing" | "exists"> {
    try {
      return await this.db.writeTransaction<ThreadRecord | "missing">(async (tx, rollback) => {
        const rows = await tx.run("thread.create", {
          projectId: this.projectId,
          userId: input.userId,
          threadId: input.threadId,
          uuid: randomUUID(),
          metadata: input.metadata === null ? null : JSON.stringify(input.metadata),
        });
        const row = rows[0];
        if (!row?.flag("userLive")) return rollback("missing");
        return toThreadRecord(row.row("thread"));
      });
    } catch (error) {
      if (isConstraintViolation(error)) return "exists";
      throw error;
    }
  }

  async getByIds(threadIds: readonly string[]): Promise<(ThreadRecord | null)[]> {
    const rows = await this.db.read("thread.get-by-ids", { projectId: this.projectId, threadIds });
    return rows.map((row) => mapOptional(row.optionalRow("thread"), toThreadRecord));
  }

  async countByUserUuids(userUuids: readonly string[]): Promise<number[]> {
    const rows = await this.db.read("thread.count-by-user-uuids", { projectId: this.projectId, userUuids });
    return rows.map((row) => row.number("count"));
  }

  async pagesByUserUuids(userUuids: readonly string[], request: PageRequest<InstantIdKey>): Promise<PageRows<ThreadRecord>[]> {
    const forward = request.direction === "forward";
    const rows = await this.db.read(forward ? "thread.page-by-users-forward" : "thread.page-by-users-backward", {
      projectId: this.projectId,
      userUuids,
      limit: request.size + 1,
      [forward ? "afterCreatedAt" : "beforeCreatedAt"]: request.cursor?.createdAt ?? null,
      [forward ? "afterThreadId" : "beforeThreadId"]: request.cursor?.id ?? null,
    });
    return rows.map((row) => toPageRows(row, "threads", forward, toThreadRecord));
  }

  async messagePagesByThreadUuids(threadUuids: readonly string[], request: PageRequest<SeqKey>): Promise<PageRows<MessageRecord>[]> {
    const forward = request.direction === "forward";
    const rows = await this.db.read(forward ? "message.page-by-threads-forward" : "message.page-by-threads-backward", {
      projectId: this.projectId,
      threadUuids,
      limit: request.size + 1,
      [forward ? "afterSeq" : "beforeSeq"]: request.cursor?.seq ?? null,
    });
    return rows.map((row) => toPageRows(row, "messages", forward, toMessageRecord));
  }

  /**
   * Appends messages, and records each as a MESSAGE episode of the user's graph, in one transaction;
   * "missing" for an unknown thread (or one whose user is being deleted).
   */
  addMessages(threadId: string, messages: readonly MessageToAdd[]): Promise<{ thread: ThreadRecord; messageUuids: string[] } | "missing"> {
    const prepared = messages.map((message) => ({
      uuid: randomUUID(),
      role: message.role,
      name: message.name,
      content: message.content,
      metadata: message.metadata === null ? null : JSON.stringify(message.metadata),
      createdAt: message.createdAt === null ? null : message.createdAt.toISOString(),
    }));
    return this.db.writeTransaction<{ thread: ThreadRecord; messageUuids: string[] } | "missing">(async (tx, rollback) => {
      if ((await lockOwningUser(tx, "thread.owner", { projectId: this.projectId, threadId })) !== "live") return rollback("missing");
      const rows = await tx.run("message.add", { projectId: this.projectId, threadId, messages: prepared });
      const row = rows[0];
      if (!row?.flag("userLive")) return rollback("missing");
      const thread = toThreadRecord(row.row("thread"));
      await recordEpisodes(
        tx,
        this.projectId,
        thread.userUuid,
        messages.map((message, index) => ({
          content: message.content,
          source: "MESSAGE",
          sourceDescription: message.episodeDescription,
          threadId,
          messageUuid: prepared[index]?.uuid ?? null,
          createdAt: message.createdAt,
        })),
      );
      return { thread, messageUuids: prepared.map((message) => message.uuid) };
    });
  }

  /**
   * Removes a thread, its messages, its episodes and the facts and nodes only they support, and refreshes
   * the summaries that change, in one transaction; null for an unknown thread.
   */
  deleteThread(threadId: string): Promise<{ deletedMessages: number } | null> {
    return this.db.writeTransaction(async (tx) => {
      if ((await lockOwningUser(tx, "thread.owner", { projectId: this.projectId, threadId })) !== "live") return null;
      const affected = await this.graph.forgetThreadEpisodes(tx, threadId);
      const rows = await tx.run("thread.delete", { projectId: this.projectId, threadId });
      const row = rows[0];
      if (!row) return null;
      await this.graph.dropOrphansAndRefresh(tx, affected);
      return { deletedMessages: row.number("deletedMessages") };
    });
  }

  async listOrdered(options: { skip: number; limit: number; orderBy: ThreadOrder; asc: boolean }): Promise<{
    threads: ThreadRecord[];
    totalCount: number;
  }> {
    const rows = await this.db.read("thread.list-ordered", { projectId: this.projectId, ...options });
    const row = firstRow(rows);
    return { threads: row.rows("threads").map(toThreadRecord), totalCount: row.number("totalCount") };
  }
}
