import { readFileSync } from "node:fs";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { type GraphQLSchema, parse } from "graphql";
import { checkEntityRepresentations } from "./graphql/entityRepresentations";
import { schemaFile } from "./paths";
import { resolvers } from "./resolvers";

// The resolver map type buildSubgraphSchema takes, read from its own signature: the package exports it only
// from an internal path.
type SubgraphResolvers = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>["resolvers"]>;

/** schema.graphql with our resolvers, as a Federation v2 subgraph (`_service`, `_entities`). */
export function buildSchema(): GraphQLSchema {
  const typeDefs = parse(readFileSync(schemaFile, "utf8"));
  return checkEntityRepresentations(buildSubgraphSchema({ typeDefs, resolvers: resolvers as SubgraphResolvers }));
}
