import type { QueryResolvers } from "../__generated__/resolvers-types";
import { CONNECTION_PAGE_LIMITS, parseNumberedPage, parsePageRequest, toConnection } from "../domain/pagination";
import { notFound } from "../errors";
import { normalizeThreadId } from "../domain/threadInput";
import { searchGraph } from "../services/graphSearch";
import { parseUserCursorKey, userCursor } from "../domain/userCursor";
import { normalizeUserId } from "../domain/userInput";

export const Query: QueryResolvers = {
  user: (_parent, { userId }, { loaders }) => loaders.userById.load(normalizeUserId(userId)),

  users: async (_parent, args, { users, loaders }) => {
    const request = parsePageRequest(args, CONNECTION_PAGE_LIMITS, parseUserCursorKey);
    const page = await users.page(request);
    for (const user of page.rows) loaders.userById.prime(user.userId, user);
    return { ...toConnection(request, page.rows, page.hasBeyondCursor, userCursor), totalCount: page.totalCount };
  },

  usersOrdered: async (_parent, { pageNumber, pageSize, search, orderBy, asc }, { users, loaders }) => {
    const page = parseNumberedPage(pageNumber, pageSize);
    const result = await users.listOrdered({
      ...page,
      search: search?.trim() ? search.trim() : null,
      orderBy: orderBy ?? "CREATED_AT",
      asc: asc ?? false,
    });
    for (const user of result.users) loaders.userById.prime(user.userId, user);
    return { users: result.users, totalCount: result.totalCount, rowCount: result.users.length };
  },

  thread: (_parent, { threadId }, { loaders }) => loaders.threadById.load(normalizeThreadId(threadId)),

  threadsOrdered: async (_parent, { pageNumber, pageSize, orderBy, asc }, { threads, loaders }) => {
    const page = parseNumberedPage(pageNumber, pageSize);
    const result = await threads.listOrdered({ ...page, orderBy: orderBy ?? "CREATED_AT", asc: asc ?? false });
    for (const thread of result.threads) loaders.threadById.prime(thread.threadId, thread);
    return { threads: result.threads, totalCount: result.totalCount, responseCount: result.threads.length };
  },

  searchGraph: async (_parent, { userId, query, scope, limit, centerNodeUuid }, { loaders, graphReads }) => {
    const id = normalizeUserId(userId);
    const user = await loaders.userById.load(id);
    if (user === null) throw notFound(`no user with userId "${id}"`);
    return searchGraph(graphReads, user.uuid, {
      query,
      scope: scope ?? "EDGES",
      limit: limit ?? 10,
      centerNodeUuid: centerNodeUuid ?? null,
    });
  },

  entityNode: (_parent, { uuid }, { loaders }) => loaders.entityByUuid.load(uuid),
  fact: (_parent, { uuid }, { loaders }) => loaders.factByUuid.load(uuid),
};
