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
  const connection = parseResolveInfo(info) as ResolveTree | null;
  const userFields = childrenOf(connection, "UserConnection")
    .filter((field) => field.name === "edges")
    .flatMap((edges) => childrenOf(edges, "UserEdge"))
    .filter((field) => field.name === "node")
    .flatMap((user) => childrenOf(user, "User"));
  const threads = userFields.find((field) => field.name === "threads");
  return {
    node: userFields.some((field) => field.name === "node"),
    threads: threads ? threads.args : null,
    totalCount: childrenOf(connection, "UserConnection").some((field) => field.name === "totalCount"),
  };
}

/** Whether the query selects `totalCount` of the `typeName` object the resolver answers. */
export function selectsTotalCount(info: GraphQLResolveInfo, typeName: string): boolean {
  return childrenOf(parseResolveInfo(info) as ResolveTree | null, typeName).some((field) => field.name === "totalCount");
}

function childrenOf(tree: ResolveTree | null | undefined, typeName: string): ResolveTree[] {
  return Object.values(tree?.fieldsByTypeName[typeName] ?? {});
}
