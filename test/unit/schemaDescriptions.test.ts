import { readFileSync } from "node:fs";
import { Kind, parse } from "graphql";
import { schemaFile } from "../../src/paths";

// Sandbox readers see schema.graphql's descriptions; every type, field, input field and enum value of
// the contract must have one.
describe("schema.graphql descriptions", () => {
  const document = parse(readFileSync(schemaFile, "utf8"));
  const missing: string[] = [];
  for (const definition of document.definitions) {
    if (!("name" in definition) || !definition.name) continue;
    const typeName = definition.name.value;
    const isRootType = typeName === "Query" || typeName === "Mutation";
    if (!isRootType && !("description" in definition && definition.description)) missing.push(typeName);
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      for (const field of definition.fields ?? []) if (!field.description) missing.push(`${typeName}.${field.name.value}`);
    }
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      for (const value of definition.values ?? []) if (!value.description) missing.push(`${typeName}.${value.name.value}`);
    }
  }

  it("describes every type, field and enum value", () => {
    expect(missing).toEqual([]);
  });

  it("covers the whole contract (the walk above saw the types it should)", () => {
    const names = document.definitions.flatMap((definition) => ("name" in definition && definition.name ? [definition.name.value] : []));
    expect(names).toEqual(expect.arrayContaining(["User", "EntityNode", "Thread", "Fact", "Episode", "Query", "Mutation"]));
  });
});
