import { randomUUID } from "node:crypto";
import { notFound, threadAlreadyExists } from "../errors";
import type { PageRequest } from "../domain/pagination";
import type { NewMessage } from "../domain/threadInput";
import { type Database, type Row, isConstraintViolation } from "./database";
import { recordEpisodes } from "./episodes";
import { lockOwningUser } from "./worldLock";
import type { GraphStore } from "./graph";
import type { MessageRecord, PageRows, ThreadRecord } from "./records";
import { toMessageRecord, toThreadRecord } from "./threadRows";

export interface ThreadCursorKey {
  createdAt: string;
  threadId: string;
}

export interface MessageCursorKey {
  seq: number;
}

export type ThreadOrder = "CREATED_AT" | "UPDATED_AT" | "USER_ID" | "THREAD_ID";

/** Threads and messages of one project: every statement filters on the project. */
export class ThreadStore {
  constructor(
    private readonly db: Database,
    private readonly projectId: string,
    private readonly graph: GraphStore,
  ) {}

  /** Creates a thread for a live user; NOT_FOUND for an unknown user (or one being deleted). */
  create(input: { threadId: string; userId: string; metadata: Record<string, unknown> | null }): Promise<ThreadRecord> {
    return this.db
      .writeTransaction(async (tx) => {
        const rows = await tx.run("thread.create", {
          projectId: this.projectId,
          userId: input.userId,
          threadId: input.threadId,
          uuid: randomUUID(),
          metadata: input.metadata === null ? null : JSON.stringify(input.metadata),
        });
        // Throwing inside the transaction rolls the thread back.
        if (rows.length === 0 || rows[0]?.userLive !== true) throw notFound(`no user with userId "${input.userId}"`);
        return toThreadRecord(rows[0].thread as Row);
      })
      .catch((error: unknown) => {
        if (isConstraintViolation(error)) throw threadAlreadyExists(input.threadId);
        throw error;
      });
  }

  async getByIds(threadIds: readonly string[]): Promise<(ThreadRecord | null)[]> {
    const rows = await this.db.read("thread.get-by-ids", { projectId: this.projectId, threadIds });
    return rows.map((row) => (row.thread ? toThreadRecord(row.thread as Row) : null));
  }

  async countByUserUuids(userUuids: readonly string[]): Promise<number[]> {
    const rows = await this.db.read("thread.count-by-user-uuids", { projectId: this.projectId, userUuids });
    return rows.map((row) => row.count as number);
  }

  async pagesByUserUuids(userUuids: readonly string[], request: PageRequest<ThreadCursorKey>): Promise<PageRows<ThreadRecord>[]> {
    const forward = request.direction === "forward";
    const rows = await this.db.read(forward ? "thread.page-by-users-forward" : "thread.page-by-users-backward", {
      projectId: this.projectId,
      userUuids,
      limit: request.size + 1,
      [forward ? "afterCreatedAt" : "beforeCreatedAt"]: request.cursor?.createdAt ?? null,
      [forward ? "afterThreadId" : "beforeThreadId"]: request.cursor?.threadId ?? null,
    });
    return rows.map((row) => ({
      rows: (row.threads as Row[]).map(toThreadRecord),
      hasBeyondCursor: (forward ? row.hasPrevious : row.hasNext) as boolean,
      totalCount: row.totalCount as number,
    }));
  }

  async messagePagesByThreadUuids(
    threadUuids: readonly string[],
    request: PageRequest<MessageCursorKey>,
  ): Promise<PageRows<MessageRecord>[]> {
    const forward = request.direction === "forward";
    const rows = await this.db.read(forward ? "message.page-by-threads-forward" : "message.page-by-threads-backward", {
      projectId: this.projectId,
      threadUuids,
      limit: request.size + 1,
      [forward ? "afterSeq" : "beforeSeq"]: request.cursor?.seq ?? null,
    });
    return rows.map((row) => ({
      rows: (row.messages as Row[]).map(toMessageRecord),
      hasBeyondCursor: (forward ? row.hasPrevious : row.hasNext) as boolean,
      totalCount: row.totalCount as number,
    }));
  }

  /**
   * Appends messages, and records each as a MESSAGE episode of the user's graph, in one transaction;
   * NOT_FOUND for an unknown thread (or one whose user is being deleted).
   */
  addMessages(threadId: string, messages: readonly NewMessage[]): Promise<{ thread: ThreadRecord; messageUuids: string[] }> {
    const prepared = messages.map((message) => ({
      uuid: randomUUID(),
      role: message.role,
      name: message.name,
      content: message.content,
      metadata: message.metadata === null ? null : JSON.stringify(message.metadata),
      createdAt: message.createdAt === null ? null : message.createdAt.toISOString(),
    }));
    return this.db.writeTransaction(async (tx) => {
      if ((await lockOwningUser(tx, "thread.owner", { projectId: this.projectId, threadId })) !== "live") {
        throw notFound(`no thread with threadId "${threadId}"`);
      }
      const rows = await tx.run("message.add", { projectId: this.projectId, threadId, messages: prepared });
      if (rows.length === 0 || rows[0]?.userLive !== true) throw notFound(`no thread with threadId "${threadId}"`);
      const thread = toThreadRecord(rows[0].thread as Row);
      await recordEpisodes(
        tx,
        this.projectId,
        thread.userUuid,
        messages.map((message, index) => ({
          content: message.content,
          source: "MESSAGE",
          sourceDescription: message.name ? `${message.role.toLowerCase()} ${message.name}` : message.role.toLowerCase(),
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
      if (!rows[0]) return null;
      await this.graph.dropOrphansAndRefresh(tx, affected);
      return { deletedMessages: rows[0].deletedMessages as number };
    });
  }

  async listOrdered(options: { skip: number; limit: number; orderBy: ThreadOrder; asc: boolean }): Promise<{
    threads: ThreadRecord[];
    totalCount: number;
  }> {
    const rows = await this.db.read("thread.list-ordered", { projectId: this.projectId, ...options });
    const row = rows[0] as Row;
    return { threads: (row.threads as Row[]).map(toThreadRecord), totalCount: row.totalCount as number };
  }
}
