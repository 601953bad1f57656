import { mayActAs, requireProjectCaller, requireSelfOrProject } from "../auth/access";
import type { Context } from "../context";
import type {
  ConnectionArgs,
  CountedConnection,
  EntityNodeRecord,
  InstantIdKey,
  LazyCount,
  PageRequest,
  ThreadRecord,
  UserListPage,
  UserOrder,
  UserRecord,
} from "../model";
import { UsergraphError, noUser, userAlreadyExists } from "../errors";
import { instantIdKeyOf, parseInstantIdKey, threadCursor, userCursor } from "../domain/cursors";
import { assertMetadataSize, flattenMetadata, planMetadataPatch } from "../domain/metadata";
import { CONNECTION_PAGE_LIMITS, parseNumberedPage, parsePageRequest, toConnection } from "../domain/pagination";
import { normalizeUserId, validateNewUser, validateUserChanges } from "../domain/userInput";
import { describeUserNode } from "../domain/userNode";
import type { UserListing } from "../db/users";
import { loadConnection, readAllPages } from "./connections";
import { totalAlongside } from "./totalAlongside";

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

export async function addUser({ users, summarizer, loaders, caller }: Context, input: NewUserInput): Promise<UserRecord> {
  const user = validateNewUser(input);
  requireSelfOrProject(caller, user.userId, "adding another user");
  const description = describeUserNode(user);
  const [summary] = await summarizer.summarize([{ name: description.name, user, description: null, facts: [] }]);
  const added = await users.add({
    userId: user.userId,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    metadata: user.metadata === null ? null : flattenMetadata(user.metadata),
    node: { ...description, summary: summary ?? description.summary },
  });
  if (added === "exists") throw userAlreadyExists(user.userId);
  loaders.userById.prime(added.userId, added);
  return added;
}

export async function updateUser({ users, loaders, caller }: Context, userId: string, input: UserChangesInput): Promise<UserRecord> {
  const id = normalizeUserId(userId);
  const changes = validateUserChanges(input);
  if (!mayActAs(caller, id)) throw noUser(id);
  const fields: Record<string, string | null> = {};
  for (const key of ["email", "firstName", "lastName"] as const) {
    if (changes[key] !== undefined) fields[key] = changes[key] ?? null;
  }
  const updated = await users.update(id, { fields, metadata: planMetadataPatch(changes.metadata) }, (merged) => {
    // Only the merge shows the metadata's new size; refusing here rolls the whole update back.
    assertMetadataSize(merged.metadata, "metadata (after the merge)");
    return describeUserNode(merged);
  });
  if (updated === "missing") throw noUser(id);
  loaders.userById.clear(id).prime(id, updated);
  loaders.userNodeByUserUuid.clear(updated.uuid);
  return updated;
}

export async function deleteUser({ users, loaders, caller }: Context, userId: string): Promise<DeletedUser> {
  const id = normalizeUserId(userId);
  requireSelfOrProject(caller, id, "deleting another user");
  const counts = await users.delete(id);
  if (counts === null) throw noUser(id);
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
  if (user === null) throw noUser(id);
  return user;
}

/** What a query asks of each user of a page besides the user: the graph node, and User.threads' arguments. */
export interface UserPageSelection {
  node: boolean;
  threads: ConnectionArgs | null;
  totalCount: boolean;
}

/**
 * A page of the users connection. What the query selects of each user's node and first threads comes in the
 * page's own statement and fills the loaders that User.node and User.threads read, so the page is one
 * statement instead of three; other thread pages (a cursor, paging back, bad arguments) load as usual.
 */
export async function pageUsers(
  { users, loaders, caller }: Context,
  args: ConnectionArgs,
  selection: UserPageSelection = { node: false, threads: null, totalCount: false },
): Promise<CountedConnection<UserRecord>> {
  requireProjectCaller(caller, "listing the project's users");
  const request = parsePageRequest(args, CONNECTION_PAGE_LIMITS, parseInstantIdKey);
  const threadRequest = firstThreadPageRequest(selection.threads);
  const totalCount = totalAlongside(() => loaders.userCount.load(""), selection.totalCount);
  const page = await users.page(request, { node: selection.node, threadPageSize: threadRequest?.size ?? null });
  page.rows.forEach((user, index) => {
    loaders.userById.prime(user.userId, user);
    const node = page.nodes?.[index];
    if (node !== undefined) loaders.userNodeByUserUuid.prime(user.uuid, node);
    const threads = page.threadPages?.[index];
    if (threadRequest && threads) loaders.threadPageByUser.pages.prime({ parentUuid: user.uuid, request: threadRequest }, threads);
  });
  return { ...toConnection(request, page.rows, page.hasBeyondCursor, userCursor), totalCount };
}

export async function listUsersOrdered(
  { users, loaders, caller }: Context,
  options: { pageNumber?: number | null; pageSize?: number | null; search?: string | null; orderBy?: UserOrder | null; asc?: boolean | null },
  { withTotal }: { withTotal: boolean },
): Promise<UserListPage> {
  requireProjectCaller(caller, "listing the project's users");
  const page = parseNumberedPage(options.pageNumber, options.pageSize);
  const search = options.search?.trim() ?? "";
  const listing = { ...page, search, orderBy: options.orderBy ?? "CREATED_AT", asc: options.asc ?? false };
  const { listed, totalCount } = await readListing(users, loaders, listing, withTotal);
  for (const user of listed) loaders.userById.prime(user.userId, user);
  return { users: listed, totalCount, rowCount: listed.length };
}

/**
 * A numbered page and its total. A wanted total of a search comes from the same read of its matches as the
 * page (and fills the count loader); otherwise the total stays lazy, or starts alongside the page when
 * wanted (the empty search's total is the project's counter, which no read of the users spares).
 */
async function readListing(
  users: Context["users"],
  loaders: Context["loaders"],
  listing: UserListing,
  withTotal: boolean,
): Promise<{ listed: UserRecord[]; totalCount: LazyCount }> {
  const { search } = listing;
  if (withTotal && search !== "") {
    const searched = await users.searchWithCount(listing);
    loaders.userCount.prime(search, searched.total);
    return { listed: searched.users, totalCount: () => loaders.userCount.load(search) };
  }
  const totalCount = totalAlongside(() => loaders.userCount.load(search), withTotal);
  return { listed: await users.listOrdered(listing), totalCount };
}

/** The user's graph node, or NOT_FOUND for an unknown user. */
export async function userNode(ctx: Context, userId: string): Promise<EntityNodeRecord | null> {
  const user = await requireUser(ctx, userId);
  return ctx.loaders.userNodeByUserUuid.load(user.uuid);
}

/** User.threads: a page of the user's threads, newest first. */
export function userThreads({ loaders }: Context, user: UserRecord, args: ConnectionArgs): Promise<CountedConnection<ThreadRecord>> {
  const request = userThreadsRequest(args);
  return loadConnection(loaders.threadPageByUser, user.uuid, request, threadCursor, (thread) =>
    loaders.threadById.prime(thread.threadId, thread),
  );
}

function userThreadsRequest(args: ConnectionArgs): PageRequest<InstantIdKey> {
  return parsePageRequest(args, CONNECTION_PAGE_LIMITS, parseInstantIdKey);
}

/**
 * The request User.threads will make, when it is a first page forward: the one a page of users can bring
 * along. Arguments it would refuse bring nothing; User.threads reports them.
 */
function firstThreadPageRequest(args: ConnectionArgs | null): PageRequest<InstantIdKey> | null {
  if (args === null) return null;
  try {
    const request = userThreadsRequest(args);
    return request.direction === "forward" && request.cursor === null ? request : null;
  } catch (error) {
    if (error instanceof UsergraphError) return null;
    throw error;
  }
}

/** Every thread of a user, newest first (Zep's user.getThreads has no paging). */
export async function allUserThreads(ctx: Context, userId: string): Promise<ThreadRecord[]> {
  const user = await requireUser(ctx, userId);
  const { loaders } = ctx;
  return readAllPages(loaders.threadPageByUser, user.uuid, (thread) => instantIdKeyOf(thread.createdAt, thread.threadId), {}, (thread) =>
    loaders.threadById.prime(thread.threadId, thread),
  );
}
