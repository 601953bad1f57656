import { type GraphQLResolveInfo, graphql } from "graphql";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { selectsTotalCount, userPageSelection } from "../../src/resolvers/selection";
import type { UserPageSelection } from "../../src/services/users";

// What a list's resolver reads of the query before it reads the page: whether the total is asked for (so
// it can be read alongside the page), and for `users`, what of each user the page brings along.

const schema = makeExecutableSchema({
  typeDefs: `
    type User { userId: String node: Node threads(first: Int): ThreadConnection }
    type Node { summary: String }
    type ThreadConnection { totalCount: Int }
    type UserEdge { node: User }
    type UserConnection { totalCount: Int edges: [UserEdge] }
    type UserListResponse { totalCount: Int rowCount: Int users: [User] }
    type Query { users: UserConnection usersOrdered: UserListResponse }
  `,
  resolvers: {
    Query: {
      users: (_parent: unknown, _args: unknown, seen: { users?: UserPageSelection }, info: GraphQLResolveInfo) => {
        seen.users = userPageSelection(info);
        return {};
      },
      usersOrdered: (_parent: unknown, _args: unknown, seen: { ordered?: boolean }, info: GraphQLResolveInfo) => {
        seen.ordered = selectsTotalCount(info, "UserListResponse");
        return {};
      },
    },
  },
});

async function seenBy(source: string, variableValues: Record<string, unknown> = {}): Promise<{ users?: UserPageSelection; ordered?: boolean }> {
  const seen = {};
  const result = await graphql({ schema, source, contextValue: seen, variableValues });
  expect(result.errors).toBeUndefined();
  return seen;
}

describe("selectsTotalCount", () => {
  it.each([
    ["selected", `{ usersOrdered { totalCount } }`, true],
    ["selected under an alias", `{ usersOrdered { total: totalCount rowCount } }`, true],
    ["selected in a fragment", `{ usersOrdered { ...Total } } fragment Total on UserListResponse { totalCount }`, true],
    ["selected in an inline fragment", `{ usersOrdered { ... on UserListResponse { totalCount } } }`, true],
    ["not selected", `{ usersOrdered { rowCount users { userId } } }`, false],
    ["skipped by @include(if: false)", `{ usersOrdered { rowCount totalCount @include(if: false) } }`, false],
    ["skipped by @skip(if: true)", `{ usersOrdered { rowCount totalCount @skip(if: true) } }`, false],
  ])("is %s: %s", async (_case, query, expected) => {
    expect((await seenBy(query)).ordered).toBe(expected);
  });

  it("follows a variable in @include", async () => {
    const query = `query($total: Boolean!) { usersOrdered { rowCount totalCount @include(if: $total) } }`;
    expect((await seenBy(query, { total: true })).ordered).toBe(true);
    expect((await seenBy(query, { total: false })).ordered).toBe(false);
  });
});

describe("userPageSelection", () => {
  it("sees the page's totalCount, the users' node and their threads' arguments", async () => {
    const seen = await seenBy(`{ users { totalCount edges { node { node { summary } threads(first: 5) { totalCount } } } } }`);
    expect(seen.users).toEqual({ node: true, threads: { first: 5 }, totalCount: true });
  });

  it("does not take a user's threads' totalCount for the page's", async () => {
    const seen = await seenBy(`{ users { edges { node { userId threads(first: 2) { totalCount } } } } }`);
    expect(seen.users).toEqual({ node: false, threads: { first: 2 }, totalCount: false });
  });
});
