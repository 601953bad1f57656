import type { ThreadResolvers } from "../__generated__/resolvers-types";
import { notFound } from "../errors";
import { CONNECTION_PAGE_LIMITS, parsePageRequest, toConnection } from "../domain/pagination";
import { messageCursor, parseMessageCursorKey } from "../domain/threadCursors";
import { userContext } from "../services/userContext";

export const Thread: ThreadResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.threadById.load(reference.threadId),
  user: async (thread, _args, { loaders }) => {
    const user = await loaders.userById.load(thread.userId);
    // Only a thread whose user is being deleted right now has none; it is about to go too.
    if (user === null) throw notFound(`the user of thread "${thread.threadId}" no longer exists`);
    return user;
  },
  messages: async (thread, args, { loaders }) => {
    const request = parsePageRequest(args, CONNECTION_PAGE_LIMITS, parseMessageCursorKey);
    const page = await loaders.messagePageByThread.load({ parentUuid: thread.uuid, request });
    return { ...toConnection(request, page.rows, page.hasBeyondCursor, messageCursor), totalCount: page.totalCount };
  },
  userContext: (thread, { limit }, { loaders }) => userContext(loaders, thread.uuid, limit ?? 10),
};
