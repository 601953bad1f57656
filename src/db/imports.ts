import { randomUUID } from "node:crypto";
import { paddedWords } from "../domain/graph/text";
import { addToCounter } from "./counters";
import { type Database, isConstraintViolation, type StatementRunner } from "./database";
import { firstRow } from "./row";
import type { MessageToAdd } from "./threads";
import { type UserToCreate, userCreateParams } from "./users";

/** A user to import, with the threads (and their messages) to create for them. */
export interface UserToImport extends UserToCreate {
  threads: readonly ThreadToImport[];
}

export interface ThreadToImport {
  threadId: string;
  metadata: Record<string, unknown> | null;
  messages: readonly MessageToAdd[];
}

/**
 * What became of each user of a batch: created (with all their threads), skipped because the userId was
 * taken (before, or by an earlier user of the batch), or refused because one of their threadIds was.
 */
export type ImportOutcome = "created" | "exists" | { threadTaken: string };

/**
 * A concurrent writer can take an id between the batch's check and its writes; the constraint then fails
 * the batch, which starts again and sees the id taken. More attempts than that mean something else.
 */
const ATTEMPTS = 3;

/** Bulk writes of one project: a batch of users, threads and messages in one transaction. */
export class ImportStore {
  constructor(
    private readonly db: Database,
    private readonly projectId: string,
  ) {}

  /**
   * Creates the batch's new users with their graph nodes, threads, messages and MESSAGE episodes, and
   * counts them, all in one transaction: a batch is stored whole or not at all. One outcome per user, in
   * order.
   */
  async importBatch(users: readonly UserToImport[]): Promise<ImportOutcome[]> {
    const prepared = users.map(withUuids);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.db.writeTransaction((tx) => this.write(tx, prepared));
      } catch (error) {
        if (!isConstraintViolation(error) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private async write(tx: StatementRunner, users: readonly PreparedUser[]): Promise<ImportOutcome[]> {
    const taken = firstRow(
      await tx.run("import.taken-ids", {
        projectId: this.projectId,
        userIds: users.map((user) => user.userId),
        threadIds: users.flatMap((user) => user.threads.map((thread) => thread.threadId)),
      }),
    );
    const { outcomes, accepted } = decide(users, new Set(taken.strings("userIds")), new Set(taken.strings("threadIds")));
    if (accepted.length === 0) return outcomes;
    const threads = accepted.flatMap((user) => user.threads.map((thread) => ({ user, thread })));
    // Each user's MESSAGE episodes are queued for ingestion in order, numbered from 0: the users are new.
    const queued = new Map<string, number>();
    const messages = threads.flatMap(({ user, thread }) =>
      thread.messages.map((message, seq) => {
        const ingestSeq = queued.get(user.uuid) ?? 0;
        queued.set(user.uuid, ingestSeq + 1);
        return { user, thread, message, seq, ingestSeq };
      }),
    );

    await tx.run("user.create", {
      projectId: this.projectId,
      users: accepted.map((user) => userCreateParams(user, user.uuid, user.nodeUuid)),
      returnUsers: false,
    });
    if (threads.length > 0) {
      await tx.run("import.create-threads", {
        projectId: this.projectId,
        threads: threads.map(({ user, thread }) => ({
          userUuid: user.uuid,
          threadId: thread.threadId,
          uuid: thread.uuid,
          metadata: thread.metadata === null ? null : JSON.stringify(thread.metadata),
          messageCount: thread.messages.length,
        })),
      });
    }
    if (messages.length > 0) {
      const params = messages.map((item) => ({ ...messageParams(item), ingestSeq: item.ingestSeq, ingestNextSeq: queued.get(item.user.uuid) }));
      await tx.run("import.add-messages", { projectId: this.projectId, messages: params });
    }
    await addToCounter(tx, this.projectId, "users", accepted.length);
    await addToCounter(tx, this.projectId, "threads", threads.length);
    return outcomes;
  }
}

type PreparedMessage = MessageToAdd & { uuid: string; episodeUuid: string };
type PreparedThread = Omit<ThreadToImport, "messages"> & { uuid: string; messages: PreparedMessage[] };
type PreparedUser = Omit<UserToImport, "threads"> & { uuid: string; nodeUuid: string; threads: PreparedThread[] };

// Made once per batch, not per attempt: the uuids of an attempt that rolled back were never stored.
function withUuids(user: UserToImport): PreparedUser {
  return {
    ...user,
    uuid: randomUUID(),
    nodeUuid: randomUUID(),
    threads: user.threads.map((thread) => ({
      ...thread,
      uuid: randomUUID(),
      messages: thread.messages.map((message) => ({ ...message, uuid: randomUUID(), episodeUuid: randomUUID() })),
    })),
  };
}

/** In batch order: a taken or repeated userId skips its user; a taken or repeated threadId refuses the user. */
function decide(
  users: readonly PreparedUser[],
  takenUserIds: Set<string>,
  takenThreadIds: Set<string>,
): { outcomes: ImportOutcome[]; accepted: PreparedUser[] } {
  const accepted: PreparedUser[] = [];
  const outcomes = users.map((user): ImportOutcome => {
    if (takenUserIds.has(user.userId)) return "exists";
    const threadTaken = user.threads.find((thread) => takenThreadIds.has(thread.threadId));
    if (threadTaken) return { threadTaken: threadTaken.threadId };
    takenUserIds.add(user.userId);
    for (const thread of user.threads) takenThreadIds.add(thread.threadId);
    accepted.push(user);
    return "created";
  });
  return { outcomes, accepted };
}

function messageParams({ thread, message, seq }: { thread: PreparedThread; message: PreparedMessage; seq: number }): Record<string, unknown> {
  return {
    threadUuid: thread.uuid,
    uuid: message.uuid,
    seq,
    role: message.role,
    name: message.name,
    content: message.content,
    metadata: message.metadata === null ? null : JSON.stringify(message.metadata),
    createdAt: message.createdAt?.toISOString() ?? null,
    episodeUuid: message.episodeUuid,
    sourceDescription: message.episodeDescription,
    padded: paddedWords(message.content),
  };
}
