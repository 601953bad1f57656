import type { MutationResolvers } from "../__generated__/resolvers-types";
import { addData, addFactTriple, deleteFact, invalidateFact } from "../services/graph";
import { addMessages, createThread, deleteThread } from "../services/threads";
import { addUser, deleteUser, updateUser } from "../services/users";

export const Mutation: MutationResolvers = {
  addUser: (_parent, { input }, ctx) => addUser(ctx, input),
  updateUser: (_parent, { userId, input }, ctx) => updateUser(ctx, userId, input),
  deleteUser: (_parent, { userId }, ctx) => deleteUser(ctx, userId),
  createThread: (_parent, { input }, ctx) => createThread(ctx, input),
  addMessages: (_parent, { threadId, messages }, ctx) => addMessages(ctx, threadId, messages),
  deleteThread: (_parent, { threadId }, ctx) => deleteThread(ctx, threadId),
  addFactTriple: (_parent, { userId, input }, ctx) => addFactTriple(ctx, userId, input),
  addData: (_parent, { userId, input }, ctx) => addData(ctx, userId, input),
  invalidateFact: (_parent, { uuid, invalidAt }, ctx) => invalidateFact(ctx, uuid, invalidAt ?? null),
  deleteFact: (_parent, { uuid }, ctx) => deleteFact(ctx, uuid),
};
