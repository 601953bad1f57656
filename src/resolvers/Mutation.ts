import type { MutationResolvers } from "../__generated__/resolvers-types";
import { notFound } from "../errors";
import { validateData } from "../domain/graph/dataInput";
import { validateFactTriple } from "../domain/graph/factInput";
import { normalizeSmallMetadata, normalizeThreadId, validateMessages } from "../domain/threadInput";
import { normalizeUserId, validateNewUser, validateUserChanges } from "../domain/userInput";

export const Mutation: MutationResolvers = {
  addUser: async (_parent, { input }, { users, loaders }) => {
    const user = await users.add(validateNewUser(input));
    loaders.userById.prime(user.userId, user);
    return user;
  },

  updateUser: async (_parent, { userId, input }, { users, loaders }) => {
    const id = normalizeUserId(userId);
    const user = await users.update(id, validateUserChanges(input));
    loaders.userById.clear(id).prime(id, user);
    loaders.userNodeByUserUuid.clear(user.uuid);
    return user;
  },

  deleteUser: async (_parent, { userId }, { users, loaders }) => {
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
  },

  createThread: async (_parent, { input }, { threads, loaders }) => {
    const thread = await threads.create({
      threadId: normalizeThreadId(input.threadId),
      userId: normalizeUserId(input.userId),
      metadata: normalizeSmallMetadata(input.metadata, "metadata"),
    });
    loaders.threadById.prime(thread.threadId, thread);
    return thread;
  },

  addMessages: async (_parent, { threadId, messages }, { threads, loaders }) => {
    const id = normalizeThreadId(threadId);
    const result = await threads.addMessages(id, validateMessages(messages));
    loaders.threadById.clear(id).prime(id, result.thread);
    return result;
  },

  deleteThread: async (_parent, { threadId }, { threads, loaders }) => {
    const id = normalizeThreadId(threadId);
    const result = await threads.deleteThread(id);
    if (result === null) throw notFound(`no thread with threadId "${id}"`);
    loaders.threadById.clear(id);
    return { threadId: id, message: `thread "${id}" and its messages were deleted`, deletedMessages: result.deletedMessages };
  },

  addFactTriple: async (_parent, { userId, input }, { graph, loaders }) => {
    const fact = await graph.addFactTriple(normalizeUserId(userId), validateFactTriple(input));
    loaders.factByUuid.prime(fact.uuid, fact);
    return fact;
  },

  addData: async (_parent, { userId, input }, { graph, loaders }) => {
    const id = normalizeUserId(userId);
    const data = validateData(input);
    const user = await loaders.userById.load(id);
    if (user === null) throw notFound(`no user with userId "${id}"`);
    return graph.addData(user, data);
  },

  invalidateFact: async (_parent, { uuid, invalidAt }, { graph, loaders }) => {
    const fact = await graph.invalidateFact(uuid, invalidAt ?? null);
    loaders.factByUuid.clear(uuid).prime(uuid, fact);
    return fact;
  },

  deleteFact: async (_parent, { uuid }, { graph, loaders }) => {
    if (!(await graph.deleteFact(uuid))) throw notFound(`no fact with uuid "${uuid}"`);
    loaders.factByUuid.clear(uuid);
    return { uuid, message: `fact "${uuid}" was deleted` };
  },
};
