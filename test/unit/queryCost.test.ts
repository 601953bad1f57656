import { readFileSync } from "node:fs";
import path from "node:path";
import { getOperationAST, parse } from "graphql";
import { operationCost } from "../../src/limits/queryCost";
import { packageRoot } from "../../src/paths";
import { buildSchema } from "../../src/schema";

// The estimated cost of operations, from schema.graphql's @listSize and @cost: what the cost limit compares
// with GRAPHQL_MAX_COST (10,000 by default).

const schema = buildSchema();
const MAX_COST = 10_000;

function costOf(document: string, variables: Record<string, unknown> = {}, operationName?: string): number {
  const parsed = parse(document);
  const operation = getOperationAST(parsed, operationName);
  if (!operation) throw new Error("no such operation");
  return operationCost(schema, parsed, operation, variables);
}

/** The README's "Try it in Sandbox" document, and the names of its operations. */
const readmeDocument = /## Try it in Sandbox[\s\S]*?```graphql\n([\s\S]*?)```/.exec(readFileSync(path.join(packageRoot, "README.md"), "utf8"))?.[1] ?? "";
const readmeOperations = parse(readmeDocument).definitions.flatMap((definition) =>
  definition.kind === "OperationDefinition" && definition.name ? [definition.name.value] : [],
);

describe("operationCost", () => {
  it("counts a connection as the gateway does: 1, plus 2 for each of `first` edges with their node", () => {
    expect(costOf(`{ users(first: 5) { edges { node { userId } } } }`)).toBe(1 + 5 * 2);
    expect(costOf(`{ users(first: 100) { edges { node { userId } } } }`)).toBe(1 + 100 * 2);
  });

  it("adds @cost weights: userContext's 10 on top of its thread", () => {
    expect(costOf(`{ thread(threadId: "t") { threadId userContext } }`)).toBe(11);
  });

  it("reads slicing arguments from variables and defaults, and assumedSize when none is given", () => {
    const query = `query($n: Int) { users(first: $n) { edges { node { userId } } } }`;
    expect(costOf(query, { n: 50 })).toBe(1 + 50 * 2);
    expect(costOf(query, {})).toBe(1 + 20 * 2);
    expect(costOf(`query($u: ID!) { user(userId: $u) { episodes { uuid } } }`, { u: "x" })).toBe(1 + 10);
  });

  it("multiplies nested pages: each user's page of threads counts once per user", () => {
    const nested = `{ users(first: 100) { edges { node { threads(first: 10) { edges { node { threadId } } } } } } }`;
    expect(costOf(nested)).toBe(1 + 100 * (1 + 1 + (1 + 10 * 2)));
  });

  it("counts a numbered page at least its size, selected or not: the page is read either way", () => {
    expect(costOf(`{ usersOrdered(pageSize: 1000) { rowCount } }`)).toBe(5 + 1000);
    expect(costOf(`{ usersOrdered(pageSize: 1000) { users { userId } } }`)).toBe(5 + 1000);
    expect(costOf(`{ usersOrdered { users { userId email } } }`)).toBe(5 + 10);
  });

  it("prices 30 aliased usersOrdered(pageSize: 1000) far above the limit", () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `u${i}: usersOrdered(pageSize: 1000) { users { userId email metadata } }`);
    expect(costOf(`{ ${aliases.join(" ")} }`)).toBe(30 * 1005);
    expect(30 * 1005).toBeGreaterThan(MAX_COST);
  });

  it("counts _entities once per representation, fragments added up", () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { userId node { name } } ... on Thread { threadId } } }`;
    const representations = Array.from({ length: 7 }, (_, i) => ({ __typename: "User", userId: `u${i}` }));
    expect(costOf(query, { r: representations })).toBe(7 * (1 + 1));
  });

  it("follows named fragments and costs nothing for __typename and introspection", () => {
    expect(costOf(`{ users(first: 3) { ...page } } fragment page on UserConnection { edges { node { __typename userId } } }`)).toBe(1 + 3 * 2);
    expect(costOf(`{ __schema { types { name fields { name } } } __typename }`)).toBe(0);
  });

  it("finds the README's operations", () => {
    expect(readmeOperations).toEqual(expect.arrayContaining(["AddJane", "Users", "ZepStyleList", "Forget"]));
  });

  it.each(readmeOperations)("keeps the README's %s well under the limit", (name) => {
    expect(costOf(readmeDocument, {}, name)).toBeLessThan(MAX_COST / 10);
  });
});
