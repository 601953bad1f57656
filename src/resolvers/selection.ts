import type { GraphQLResolveInfo } from "graphql";
import { type ResolveTree, parseResolveInfo } from "graphql-parse-resolve-info";
import type { UserPageSelection } from "../services/users";

/**
 * What a `users` query selects of each user of the page (read from the query itself, with its fragments,
 * aliases and @include/@skip applied): the graph node, and the arguments of User.threads, so that the
 * page's own statement can bring them along, and whether it asks for the total. Several differently-argued
 * `threads` aliases bring the first; the others load as usual.
 */
export function userPageSelection(info: GraphQLResolveInfo): UserPageSelection {
  const connectionFields = childrenOf(parseResolveInfo(info) as ResolveTree | null, "UserConnection");
  const userFields = connectionFields
    .filter((field) => field.name === "edges")
    .flatMap((edges) => childrenOf(edges, "UserEdge"))
    .filter((field) => field.name === "node")
    .flatMap((user) => childrenOf(user, "User"));
  const threads = userFields.find((field) => field.name === "threads");
  return {
    node: userFields.some((field) => field.name === "node"),
    threads: threads ? threads.args : null,
    totalCount: connectionFields.some(isTotalCount),
  };
}

/** Whether the query selects `totalCount` of the `typeName` object the resolver answers. */
export function selectsTotalCount(info: GraphQLResolveInfo, typeName: string): boolean {
  return childrenOf(parseResolveInfo(info) as ResolveTree | null, typeName).some(isTotalCount);
}

function isTotalCount(field: ResolveTree): boolean {
  return field.name === "totalCount";
}

function childrenOf(tree: ResolveTree | null | undefined, typeName: string): ResolveTree[] {
  return Object.values(tree?.fieldsByTypeName[typeName] ?? {});
}
