import type { MutationResolvers } from "../__generated__/resolvers-types";
import type { Context } from "../context";
import { addData, addFactTriple, deleteFact, invalidateFact } from "../services/graph";
import { addMessages, createThread, deleteThread } from "../services/threads";
import { addUser, deleteUser, updateUser } from "../services/users";

/**
 * Runs a mutation, then gives the request fresh loaders: GraphQL runs mutation fields one after another, and
 * whatever the earlier fields' selections cached (a message page, a count, a context block) may no longer
 * hold, so each result's selection reads what the write left.
 */
async function thenFresh<T>(ctx: Context, write: () => Promise<T>): Promise<T> {
  const result = await write();
  ctx.renewLoaders();
  return result;
}

export const Mutation: MutationResolvers = {
  addUser: (_parent, { input }, ctx) => thenFresh(ctx, () => addUser(ctx, input)),
  updateUser: (_parent, { userId, input }, ctx) => thenFresh(ctx, () => updateUser(ctx, userId, input)),
  deleteUser: (_parent, { userId }, ctx) => thenFresh(ctx, () => deleteUser(ctx, userId)),
  createThread: (_parent, { input }, ctx) => thenFresh(ctx, () => createThread(ctx, input)),
  addMessages: (_parent, { threadId, messages }, ctx) => thenFresh(ctx, () => addMessages(ctx, threadId, messages)),
  deleteThread: (_parent, { threadId }, ctx) => thenFresh(ctx, () => deleteThread(ctx, threadId)),
  addFactTriple: (_parent, { userId, input }, ctx) => thenFresh(ctx, () => addFactTriple(ctx, userId, input)),
  addData: (_parent, { userId, input }, ctx) => thenFresh(ctx, () => addData(ctx, userId, input)),
  invalidateFact: (_parent, { uuid, invalidAt }, ctx) => thenFresh(ctx, () => invalidateFact(ctx, uuid, invalidAt ?? null)),
  deleteFact: (_parent, { uuid }, ctx) => thenFresh(ctx, () => deleteFact(ctx, uuid)),
};
