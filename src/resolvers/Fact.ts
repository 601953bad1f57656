import type { FactResolvers } from "../__generated__/resolvers-types";
import { requireNode } from "../services/graph";

// Only a fact of a user being deleted right now loses its nodes; it is about to go too, so NOT_FOUND.
export const Fact: FactResolvers = {
  source: (fact, _args, ctx) => requireNode(ctx, fact.sourceNodeUuid),
  target: (fact, _args, ctx) => requireNode(ctx, fact.targetNodeUuid),
};
