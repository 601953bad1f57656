import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { checkSchema, formatChanges, schemaAtRef } from "../../scripts/schema-check";
import { packageRoot, schemaFile } from "../../src/paths";

// `npm run schema:check`: the working tree's schema.graphql against the one on main, as the inspector
// classifies the changes. These pin what it calls breaking, and that federation's own machinery and the
// demand-control directives do not drown the changes that matter.

const current = readFileSync(schemaFile, "utf8");

function edit(sdl: string, from: string, to: string): string {
  if (!sdl.includes(from)) throw new Error(`schema.graphql no longer contains ${JSON.stringify(from)}`);
  return sdl.replace(from, to);
}

describe("schema:check", () => {
  it("finds no change between schema.graphql and itself", async () => {
    expect(await checkSchema(current, current)).toEqual({ changes: [], breaking: [], omitted: 0 });
  });

  it("calls a removed field, a changed argument type and a removed enum value breaking", async () => {
    let changed = edit(current, `  "The user's last name, if known."\n  lastName: String\n`, "");
    changed = edit(changed, "user(userId: ID!): User", "user(userId: String!): User");
    changed = edit(changed, `  "By email address; users without one come last in ascending order."\n  EMAIL\n`, "");
    const result = await checkSchema(current, changed);
    expect(result.breaking.map((change) => change.message).sort()).toEqual(
      [
        "Enum value 'EMAIL' was removed from enum 'UserOrderBy'",
        "Field 'lastName' was removed from object type 'User'",
        "Type for argument 'userId' on field 'Query.user' changed from 'ID!' to 'String!'",
      ].sort(),
    );
    expect(formatChanges(result.changes).split("\n")[0]).toMatch(/^BREAKING {5}/);
  });

  it("calls an added optional argument, field or type safe", async () => {
    let changed = edit(current, "user(userId: ID!): User", "user(userId: ID!, includeDeleted: Boolean = false): User");
    changed = edit(changed, "type Query {", `"A note."\ntype Note { text: String! }\n\ntype Query {\n  "A note."\n  note: Note`);
    const result = await checkSchema(current, changed);
    expect(result.breaking).toEqual([]);
    expect(result.changes.map((change) => change.message).sort()).toEqual(
      [
        "Argument 'includeDeleted: Boolean' (with default value) added to field 'Query.user'",
        "Field 'Query.note' has description 'A note.'",
        "Field 'note' was added to object type 'Query'",
        "Field 'text' was added to object type 'Note'",
        "Object type 'Note' has description 'A note.'",
        "Type 'Note' was added",
      ].sort(),
    );
  });

  it("reports demand-control directives as uses on fields, and leaves federation's own definitions out", async () => {
    // The schema as it was before demand control: federation v2.7, no @listSize or @cost.
    const before = current
      .replace(/^#.*\n/gm, "")
      .replace(/\n\s*@listSize\([^)]*\)/g, "")
      .replace(/ @listSize\([^)]*\)/g, "")
      .replace(/\n\s*@cost\(weight: \d+\)/g, "")
      .replace(/ @cost\(weight: \d+\)/g, "")
      .replace("federation/v2.9", "federation/v2.7")
      .replace(`, "@listSize", "@cost"]`, "]");
    expect(before).not.toMatch(/@listSize|@cost/);
    const result = await checkSchema(before, current);
    expect(result.breaking).toEqual([]);
    const uses = result.changes.filter((change) => change.type === "DIRECTIVE_USAGE_FIELD_DEFINITION_ADDED");
    expect(uses.map((change) => change.path).sort()).toEqual(
      [
        "EntityNode.facts.@listSize",
        "Episode.mentions.@listSize",
        "Query.searchGraph.@cost",
        "Query.searchGraph.@listSize",
        "Query.threadsOrdered.@cost",
        "Query.threadsOrdered.@listSize",
        "Query.users.@listSize",
        "Query.usersOrdered.@cost",
        "Query.usersOrdered.@listSize",
        "Thread.messages.@listSize",
        "Thread.userContext.@cost",
        "User.episodes.@listSize",
        "User.graphNodes.@listSize",
        "User.threads.@listSize",
      ].sort(),
    );
    // The rest is the @link's new url and imports; federation's directive definitions are not listed.
    expect(result.changes.filter((change) => !uses.includes(change)).every((change) => change.path?.startsWith(".@link"))).toBe(true);
    expect(result.omitted).toBeGreaterThan(0);
  });

  it("reads schema.graphql at a git ref, and names a ref it cannot read", () => {
    const head = execFileSync("git", ["show", "HEAD:schema.graphql"], { cwd: packageRoot, encoding: "utf8" });
    expect(schemaAtRef("HEAD")).toBe(head);
    expect(() => schemaAtRef("no-such-ref-anywhere")).toThrow(/^cannot read schema.graphql at "no-such-ref-anywhere": fatal: /);
  });

  it("refuses an SDL that would not start the service", async () => {
    await expect(checkSchema(current, `${current}\ntype Broken { field: NoSuchType }`)).rejects.toThrow(
      /^the new schema is not a valid subgraph schema: .*NoSuchType/s,
    );
  });
});
