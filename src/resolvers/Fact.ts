import type { FactResolvers } from "../__generated__/resolvers-types";
import type { Loaders } from "../loaders";
import { notFound } from "../errors";

async function node(loaders: Loaders, uuid: string) {
  const found = await loaders.entityByUuid.load(uuid);
  // Only a fact of a user being deleted right now loses its nodes; it is about to go too.
  if (found === null) throw notFound(`no node with uuid "${uuid}"`);
  return found;
}

export const Fact: FactResolvers = {
  source: (fact, _args, { loaders }) => node(loaders, fact.sourceNodeUuid),
  target: (fact, _args, { loaders }) => node(loaders, fact.targetNodeUuid),
};
