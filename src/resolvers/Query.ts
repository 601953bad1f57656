import type { QueryResolvers } from "../__generated__/resolvers-types";
import { searchUserGraph } from "../services/graph";
import { findThread, listThreadsOrdered } from "../services/threads";
import { findUser, listUsersOrdered, pageUsers } from "../services/users";
import { selectsTotalCount, userPageSelection } from "./selection";

export const Query: QueryResolvers = {
  user: (_parent, { userId }, ctx) => findUser(ctx, userId),
  users: (_parent, args, ctx, info) => pageUsers(ctx, args, userPageSelection(info)),
  usersOrdered: (_parent, args, ctx, info) => listUsersOrdered(ctx, args, { withTotal: selectsTotalCount(info, "UserListResponse") }),
  thread: (_parent, { threadId }, ctx) => findThread(ctx, threadId),
  threadsOrdered: (_parent, args, ctx, info) => listThreadsOrdered(ctx, args, { withTotal: selectsTotalCount(info, "ThreadListResponse") }),
  searchGraph: (_parent, { userId, ...options }, ctx) => searchUserGraph(ctx, userId, options),
  entityNode: (_parent, { uuid }, { loaders }) => loaders.entityByUuid.load(uuid),
  fact: (_parent, { uuid }, { loaders }) => loaders.factByUuid.load(uuid),
};
