import type { EntityNodeResolvers } from "../__generated__/resolvers-types";
import { nodeFacts } from "../services/graph";

export const EntityNode: EntityNodeResolvers = {
  facts: (node, args, ctx) => nodeFacts(ctx, node, args),
};
