import type { UserResolvers } from "../__generated__/resolvers-types";
import { CONNECTION_PAGE_LIMITS, parsePageRequest, toConnection } from "../domain/pagination";
import { parseTimeUuidCursorKey, timeUuidCursor } from "../domain/graph/cursors";
import { parseThreadCursorKey, threadCursor } from "../domain/threadCursors";
import { latestEpisodes } from "../services/graph";

export const User: UserResolvers = {
  // The gateway's _entities calls come through the same loader as every other user lookup: a batch of
  // representations is one statement, in input order, null for a key this project does not have.
  __resolveReference: (reference, { loaders }) => loaders.userById.load(reference.userId),
  node: (user, _args, { loaders }) => loaders.userNodeByUserUuid.load(user.uuid),
  threadCount: (user, _args, { loaders }) => loaders.threadCountByUserUuid.load(user.uuid),
  threads: async (user, args, { loaders }) => {
    const request = parsePageRequest(args, CONNECTION_PAGE_LIMITS, parseThreadCursorKey);
    const page = await loaders.threadPageByUser.load({ parentUuid: user.uuid, request });
    for (const thread of page.rows) loaders.threadById.prime(thread.threadId, thread);
    return { ...toConnection(request, page.rows, page.hasBeyondCursor, threadCursor), totalCount: page.totalCount };
  },
  graphNodes: async (user, { first, after }, { loaders }) => {
    const request = parsePageRequest({ first, after }, CONNECTION_PAGE_LIMITS, parseTimeUuidCursorKey);
    const page = await loaders.graphNodePageByUser.load({ parentUuid: user.uuid, request });
    for (const node of page.rows) loaders.entityByUuid.prime(node.uuid, node);
    return { ...toConnection(request, page.rows, page.hasBeyondCursor, timeUuidCursor), totalCount: page.totalCount };
  },
  episodes: (user, { last }, { loaders }) => latestEpisodes(loaders, user.uuid, last ?? 10),
};
