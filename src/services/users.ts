import type { Context } from "../context";
import type { EntityNodeRecord, ThreadRecord, UserRecord } from "../db/records";
import type { UserOrder } from "../db/users";
import { notFound } from "../errors";
import { CONNECTION_PAGE_LIMITS, type ConnectionArgs, parseNumberedPage, parsePageRequest, toConnection } from "../domain/pagination";
import { parseThreadCursorKey } from "../domain/threadCursors";
import { parseUserCursorKey, userCursor } from "../domain/userCursor";
import { normalizeUserId, validateNewUser, validateUserChanges } from "../domain/userInput";

// The Users API, once: the GraphQL resolvers and the Zep-compatible REST routes both call these, so a
// rule (validation, a default, an error code) has one implementation whichever door a request came in by.

export type NewUserInput = Parameters<typeof validateNewUser>[0];
export type UserChangesInput = Parameters<typeof validateUserChanges>[0];

export interface DeletedUser {
  userId: string;
  message: string;
  deletedThreads: number;
  deletedMessages: number;
  deletedFacts: number;
  deletedNodes: number;
}

export async function addUser({ users, loaders }: Context, input: NewUserInput): Promise<UserRecord> {
  const user = await users.add(validateNewUser(input));
  loaders.userById.prime(user.userId, user);
  return user;
}

export async function updateUser({ users, loaders }: Context, userId: string, input: UserChangesInput): Promise<UserRecord> {
  const id = normalizeUserId(userId);
  const user = await users.update(id, validateUserChanges(input));
  loaders.userById.clear(id).prime(id, user);
  loaders.userNodeByUserUuid.clear(user.uuid);
  return user;
}

export async function deleteUser({ users, loaders }: Context, userId: string): Promise<DeletedUser> {
  const id = normalizeUserId(userId);
  const counts = await users.delete(id);
  if (counts === null) throw notFound(`no user with userId "${id}"`);
  loaders.userById.clear(id);
  return {
    userId: id,
    message: `user "${id}" and everything held about them were deleted`,
    deletedThreads: counts.deletedThreads,
    deletedMessages: counts.deletedMessages,
    deletedFacts: counts.deletedFacts,
    deletedNodes: counts.deletedNodes,
  };
}

/** The user, or null (GraphQL's nullable `user`). */
export function findUser({ loaders }: Context, userId: string): Promise<UserRecord | null> {
  return loaders.userById.load(normalizeUserId(userId));
}

/** The user, or NOT_FOUND: for every operation that is about one user. */
export async function requireUser(ctx: Context, userId: string): Promise<UserRecord> {
  const id = normalizeUserId(userId);
  const user = await ctx.loaders.userById.load(id);
  if (user === null) throw notFound(`no user with userId "${id}"`);
  return user;
}

export async function pageUsers({ users, loaders }: Context, args: ConnectionArgs) {
  const request = parsePageRequest(args, CONNECTION_PAGE_LIMITS, parseUserCursorKey);
  const page = await users.page(request);
  for (const user of page.rows) loaders.userById.prime(user.userId, user);
  return { ...toConnection(request, page.rows, page.hasBeyondCursor, userCursor), totalCount: page.totalCount };
}

export async function listUsersOrdered(
  { users, loaders }: Context,
  options: { pageNumber?: number | null; pageSize?: number | null; search?: string | null; orderBy?: UserOrder | null; asc?: boolean | null },
): Promise<{ users: UserRecord[]; totalCount: number; rowCount: number }> {
  const page = parseNumberedPage(options.pageNumber, options.pageSize);
  const result = await users.listOrdered({
    ...page,
    search: options.search?.trim() ? options.search.trim() : null,
    orderBy: options.orderBy ?? "CREATED_AT",
    asc: options.asc ?? false,
  });
  for (const user of result.users) loaders.userById.prime(user.userId, user);
  return { users: result.users, totalCount: result.totalCount, rowCount: result.users.length };
}

/** The user's graph node, or NOT_FOUND for an unknown user. */
export async function userNode(ctx: Context, userId: string): Promise<EntityNodeRecord | null> {
  const user = await requireUser(ctx, userId);
  return ctx.loaders.userNodeByUserUuid.load(user.uuid);
}

/**
 * Every thread of a user, newest first (Zep's user.getThreads has no paging): read a connection page at a
 * time, at the connection's largest page size, so a user with many threads costs one statement per 100.
 */
export async function allUserThreads(ctx: Context, userId: string): Promise<ThreadRecord[]> {
  const user = await requireUser(ctx, userId);
  const threads: ThreadRecord[] = [];
  let cursor: ReturnType<typeof parseThreadCursorKey> = null;
  for (;;) {
    const request = { direction: "forward" as const, size: CONNECTION_PAGE_LIMITS.maxSize, cursor };
    const page = await ctx.loaders.threadPageByUser.load({ parentUuid: user.uuid, request });
    const rows = page.rows.slice(0, request.size);
    for (const thread of rows) ctx.loaders.threadById.prime(thread.threadId, thread);
    threads.push(...rows);
    const last = rows[rows.length - 1];
    if (page.rows.length <= request.size || last === undefined) return threads;
    cursor = { createdAt: last.createdAt.toISOString(), threadId: last.threadId };
  }
}
