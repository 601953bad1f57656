import { type GraphQLSchema, isObjectType } from "graphql";
import { badUserInput } from "../errors";

/**
 * The key field of each entity type usergraph resolves for a gateway (schema.graphql's @key directives).
 * A representation is what a gateway sends for one of them: `{ "__typename": "User", "userId": "…" }`.
 */
const ENTITY_KEYS: Readonly<Record<string, string>> = { User: "userId", Thread: "threadId" };

/**
 * Checks `_entities(representations:)` before @apollo/subgraph resolves it, which would throw a plain Error
 * (an INTERNAL_SERVER_ERROR) on a representation that is not an object, names no entity type, or lacks its
 * key: each of those is a mistake of the caller, answered BAD_USER_INPUT naming the position.
 */
export function checkEntityRepresentations(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const field = query?.getFields()._entities;
  const resolve = field?.resolve;
  if (!field || !resolve) throw new Error("the subgraph schema has no _entities resolver to guard");
  field.resolve = (source, args: { representations?: unknown }, context, info) => {
    const representations = args.representations;
    if (Array.isArray(representations)) representations.forEach((representation, index) => check(schema, representation, index));
    return resolve(source, args, context, info);
  };
  return schema;
}

function check(schema: GraphQLSchema, representation: unknown, index: number): void {
  const field = `representations[${index}]`;
  if (typeof representation !== "object" || representation === null || Array.isArray(representation)) {
    throw badUserInput(`${field} must be an object with __typename and its key`, field);
  }
  const typename = Object.hasOwn(representation, "__typename") ? (representation as { __typename: unknown }).__typename : undefined;
  if (typeof typename !== "string" || !Object.hasOwn(ENTITY_KEYS, typename) || !isObjectType(schema.getType(typename))) {
    throw badUserInput(`${field}.__typename must be one of ${Object.keys(ENTITY_KEYS).join(", ")}`, `${field}.__typename`);
  }
  const key = ENTITY_KEYS[typename] as string;
  const value = Object.hasOwn(representation, key) ? (representation as Record<string, unknown>)[key] : undefined;
  if (typeof value !== "string") throw badUserInput(`${field}.${key} must be a string (the ${typename}'s key)`, `${field}.${key}`);
}
