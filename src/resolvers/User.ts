import type { UserResolvers } from "../__generated__/resolvers-types";
import { graphNodes, latestEpisodes } from "../services/graph";
import { userThreads } from "../services/users";

export const User: UserResolvers = {
  // The gateway's _entities calls come through the same loader as every other user lookup: a batch of
  // representations is one statement, in input order, null for a key this project does not have.
  __resolveReference: (reference, { loaders }) => loaders.userById.load(reference.userId),
  node: (user, _args, { loaders }) => loaders.userNodeByUserUuid.load(user.uuid),
  threadCount: (user, _args, { loaders }) => loaders.threadCountByUserUuid.load(user.uuid),
  threads: (user, args, ctx) => userThreads(ctx, user, args),
  graphNodes: (user, args, ctx) => graphNodes(ctx, user, args),
  episodes: (user, { last }, { loaders }) => latestEpisodes(loaders, user.uuid, last),
};
