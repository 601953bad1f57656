import { readFileSync } from "node:fs";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { type GraphQLSchema, parse } from "graphql";
import { schemaFile } from "./paths";
import { resolvers } from "./resolvers";

/** schema.graphql with our resolvers, as a Federation v2 subgraph (`_service`, `_entities`). */
export function buildSchema(): GraphQLSchema {
  const typeDefs = parse(readFileSync(schemaFile, "utf8"));
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}
