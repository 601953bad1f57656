import { randomUUID } from "node:crypto";
import type { NewMessage } from "../domain/threadInput";
import type { InstantIdKey, MessageRecord, Page, PageRequest, SeqKey, ThreadOrder, ThreadRecord } from "../model";
import { addToCounter, readCounter } from "./counters";
import { type Database, isConstraintViolation } from "./database";
import { recordEpisodes } from "./episodes";
import type { GraphStore } from "./graph";
import { firstRow, mapOptional, toPage } from "./row";
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

  /**
   * Creates a thread for a live user, counted in the project's "threads" counter in the same transaction;
   * "missing" for an unknown user (or one being deleted), "exists" for a taken threadId.
   */
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
        await addToCounter(tx, this.projectId, "threads", 1);
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

  /** The project's threads, from its striped counter: a few nodes read, however many threads. */
  countAll(): Promise<number> {
    return readCounter(this.db, this.projectId, "threads");
  }

  // A page from a cursor has a statement of its own: a cursor-or-not condition in one statement keeps the
  // planner from reading the index in order.
  async pagesByUserUuids(userUuids: readonly string[], request: PageRequest<InstantIdKey>): Promise<Page<ThreadRecord>[]> {
    const forward = request.direction === "forward";
    const { cursor } = request;
    const params = { projectId: this.projectId, userUuids, limit: request.size + 1 };
    const rows =
      cursor === null
        ? await this.db.read(forward ? "thread.page-by-users-forward" : "thread.page-by-users-backward", params)
        : await this.db.read(forward ? "thread.page-by-users-forward-after" : "thread.page-by-users-backward-before", {
            ...params,
            [forward ? "afterCreatedAt" : "beforeCreatedAt"]: cursor.createdAt,
            [forward ? "afterThreadId" : "beforeThreadId"]: cursor.id,
          });
    return rows.map((row) => toPage(row, "threads", forward, toThreadRecord));
  }

  async messagePagesByThreadUuids(threadUuids: readonly string[], request: PageRequest<SeqKey>): Promise<Page<MessageRecord>[]> {
    const forward = request.direction === "forward";
    const rows = await this.db.read(forward ? "message.page-by-threads-forward" : "message.page-by-threads-backward", {
      projectId: this.projectId,
      threadUuids,
      limit: request.size + 1,
      [forward ? "afterSeq" : "beforeSeq"]: request.cursor?.seq ?? null,
    });
    return rows.map((row) => toPage(row, "messages", forward, toMessageRecord));
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
   * Removes a thread, its messages, its episodes and the facts and nodes only they support, refreshes the
   * summaries that change and takes the thread off the project's counter, in one transaction; null for an
   * unknown thread.
   */
  deleteThread(threadId: string): Promise<{ deletedMessages: number } | null> {
    return this.db.writeTransaction(async (tx) => {
      if ((await lockOwningUser(tx, "thread.owner", { projectId: this.projectId, threadId })) !== "live") return null;
      const affected = await this.graph.forgetThreadEpisodes(tx, threadId);
      const rows = await tx.run("thread.delete", { projectId: this.projectId, threadId });
      const row = rows[0];
      if (!row) return null;
      await addToCounter(tx, this.projectId, "threads", -1);
      await this.graph.dropOrphansAndRefresh(tx, affected);
      return { deletedMessages: row.number("deletedMessages") };
    });
  }

  /** One numbered page of the project's threads; its total is countAll, read only when asked. */
  async listOrdered(options: { skip: number; limit: number; orderBy: ThreadOrder; asc: boolean }): Promise<ThreadRecord[]> {
    const rows = await this.db.read("thread.list-ordered", { projectId: this.projectId, ...options });
    return firstRow(rows).rows("threads").map(toThreadRecord);
  }
}
