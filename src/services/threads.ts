import { mayActAs, requireProjectCaller, requireVisible } from "../auth/access";
import type { Context } from "../context";
import type { ConnectionArgs, CountedConnection, MessageRecord, PageRequest, SeqKey, ThreadListPage, ThreadOrder, ThreadRecord } from "../model";
import { badUserInput, noThread, noUser, threadAlreadyExists } from "../errors";
import { messageCursor, parseSeqKey } from "../domain/cursors";
import { CONNECTION_PAGE_LIMITS, parseNumberedPage, parsePageRequest, toConnection } from "../domain/pagination";
import { messageEpisodeDescription, normalizeSmallMetadata, normalizeThreadId, validateMessages } from "../domain/threadInput";
import { normalizeUserId } from "../domain/userInput";
import { loadConnection } from "./connections";
import { totalAlongside } from "./totalAlongside";
import { userContext } from "./userContext";

// Threads and messages, once, for the GraphQL resolvers and the Zep-compatible REST routes alike.

export type MessagesInput = Parameters<typeof validateMessages>[0];

/** Zep's default for thread.get without a limit. */
const DEFAULT_MESSAGE_LIMIT = 100;

export async function createThread(
  { threads, loaders, caller }: Context,
  input: { threadId: string; userId: string; metadata?: Record<string, unknown> | null },
): Promise<ThreadRecord> {
  const threadId = normalizeThreadId(input.threadId);
  const userId = normalizeUserId(input.userId);
  const metadata = normalizeSmallMetadata(input.metadata, "metadata");
  if (!mayActAs(caller, userId)) throw noUser(userId);
  const thread = await threads.create({ threadId, userId, metadata });
  if (thread === "missing") throw noUser(userId);
  if (thread === "exists") throw threadAlreadyExists(threadId);
  loaders.threadById.prime(thread.threadId, thread);
  return thread;
}

export async function addMessages(
  { threads, loaders, caller, episodesQueued }: Context,
  threadId: string,
  messages: MessagesInput,
): Promise<{ thread: ThreadRecord; messageUuids: string[] }> {
  const id = normalizeThreadId(threadId);
  const valid = validateMessages(messages).map((message) => ({ ...message, episodeDescription: messageEpisodeDescription(message) }));
  await requireVisible(caller, () => loaders.threadById.load(id), () => noThread(id));
  const result = await threads.addMessages(id, valid);
  if (result === "missing") throw noThread(id);
  episodesQueued();
  loaders.threadById.clear(id).prime(id, result.thread);
  return result;
}

export async function deleteThread(
  { threads, loaders, caller }: Context,
  threadId: string,
): Promise<{ threadId: string; message: string; deletedMessages: number }> {
  const id = normalizeThreadId(threadId);
  await requireVisible(caller, () => loaders.threadById.load(id), () => noThread(id));
  const result = await threads.deleteThread(id);
  if (result === null) throw noThread(id);
  loaders.threadById.clear(id);
  return { threadId: id, message: `thread "${id}" and its messages were deleted`, deletedMessages: result.deletedMessages };
}

/** The thread, or null (GraphQL's nullable `thread`). */
export function findThread({ loaders }: Context, threadId: string): Promise<ThreadRecord | null> {
  return loaders.threadById.load(normalizeThreadId(threadId));
}

/** The thread, or NOT_FOUND: for every operation that is about one thread. */
export async function requireThread(ctx: Context, threadId: string): Promise<ThreadRecord> {
  const id = normalizeThreadId(threadId);
  const thread = await ctx.loaders.threadById.load(id);
  if (thread === null) throw noThread(id);
  return thread;
}

/** A numbered page of the project's threads; its total, the project's thread counter, is read only when wanted. */
export async function listThreadsOrdered(
  { threads, loaders, projectId, caller }: Context,
  options: { pageNumber?: number | null; pageSize?: number | null; orderBy?: ThreadOrder | null; asc?: boolean | null },
  { withTotal }: { withTotal: boolean },
): Promise<ThreadListPage> {
  requireProjectCaller(caller, "listing the project's threads");
  const page = parseNumberedPage(options.pageNumber, options.pageSize);
  const totalCount = totalAlongside(() => loaders.threadCountByProject.load(projectId), withTotal);
  const listed = await threads.listOrdered({ ...page, orderBy: options.orderBy ?? "CREATED_AT", asc: options.asc ?? false });
  for (const thread of listed) loaders.threadById.prime(thread.threadId, thread);
  return { threads: listed, totalCount, responseCount: listed.length };
}

/** Thread.messages: a page of the thread's messages, oldest first; the total is the thread's messageCount. */
export function threadMessagesConnection({ loaders }: Context, thread: ThreadRecord, args: ConnectionArgs): Promise<CountedConnection<MessageRecord>> {
  const request = parsePageRequest(args, CONNECTION_PAGE_LIMITS, parseSeqKey);
  const messages = { pages: loaders.messagePageByThread, count: () => Promise.resolve(thread.messageCount) };
  return loadConnection(messages, thread.uuid, request, messageCursor);
}

/**
 * A thread's messages, oldest first, addressed as Zep's thread.get addresses them: the `lastn` most recent,
 * else page number `cursor` (from 1) of `limit` messages. Sizes follow the connection's limits (1 to 100).
 * A thread numbers its messages 0, 1, 2, … in the order they were added and never removes one alone,
 * so page n is the keyset page after seq (n - 1) * limit - 1: no offset scan.
 */
export async function threadMessages(
  ctx: Context,
  threadId: string,
  options: { limit?: number | null; cursor?: number | null; lastn?: number | null },
): Promise<{ thread: ThreadRecord; messages: MessageRecord[]; totalCount: number }> {
  const thread = await requireThread(ctx, threadId);
  const request =
    options.lastn != null ? lastMessages(options.lastn) : messagePage(options.limit ?? DEFAULT_MESSAGE_LIMIT, options.cursor ?? 1);
  const page = await ctx.loaders.messagePageByThread.load({ parentUuid: thread.uuid, request });
  const connection = toConnection(request, page.rows, page.hasBeyondCursor, messageCursor);
  return { thread, messages: connection.edges.map((edge) => edge.node), totalCount: thread.messageCount };
}

function lastMessages(lastn: number): PageRequest<SeqKey> {
  return parsePageRequest({ last: lastn }, CONNECTION_PAGE_LIMITS, parseSeqKey);
}

function messagePage(limit: number, page: number): PageRequest<SeqKey> {
  if (!Number.isSafeInteger(page) || page < 1) {
    throw badUserInput((name) => `${name("cursor")} must be a page number from 1; got ${page}`, "cursor");
  }
  const sized = parsePageRequest({ first: limit }, CONNECTION_PAGE_LIMITS, parseSeqKey);
  return { ...sized, cursor: page > 1 ? { seq: (page - 1) * sized.size - 1 } : null };
}

/** Zep's context block for a thread (Thread.userContext), or NOT_FOUND for an unknown thread. */
export async function threadContext(ctx: Context, threadId: string, limit?: number | null): Promise<string> {
  const thread = await requireThread(ctx, threadId);
  return userContext(ctx.loaders, thread.uuid, limit);
}

