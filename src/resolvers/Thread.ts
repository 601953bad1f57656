import type { ThreadResolvers } from "../__generated__/resolvers-types";
import { notFound } from "../errors";
import { threadMessagesConnection } from "../services/threads";
import { userContext } from "../services/userContext";

export const Thread: ThreadResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.threadById.load(reference.threadId),
  user: async (thread, _args, { loaders }) => {
    const user = await loaders.userById.load(thread.userId);
    // Only a thread whose user is being deleted right now has none; it is about to go too.
    if (user === null) throw notFound(`the user of thread "${thread.threadId}" no longer exists`);
    return user;
  },
  messages: (thread, args, ctx) => threadMessagesConnection(ctx, thread, args),
  userContext: (thread, { limit }, { loaders }) => userContext(loaders, thread.uuid, limit),
};
