import { readFileSync } from "node:fs";
import {
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  print,
  visit,
} from "graphql";
import { schemaFile } from "../../src/paths";
import { type TestApp, startTestApp } from "../support/testApp";

// The SDL usergraph serves at _service { sdl } is what a gateway composes; schema.graphql is the contract
// reviewers read. They must not drift apart, and the demand-control directives must reach the gateway.

/** The federation @link of an SDL: its url and the directive names it imports, without "@". */
function federationLink(document: DocumentNode): { url: string; imports: string[] } {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_EXTENSION && definition.kind !== Kind.SCHEMA_DEFINITION) continue;
    for (const directive of definition.directives ?? []) {
      const url = argument(directive, "url");
      if (directive.name.value === "link" && typeof url === "string" && url.includes("/federation/")) {
        return { url, imports: ((argument(directive, "import") ?? []) as string[]).map((name) => name.replace(/^@/, "")) };
      }
    }
  }
  throw new Error("no federation @link in the SDL");
}

function argument(directive: ConstDirectiveNode, name: string): unknown {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.LIST) return value.values.map((item) => ("value" in item ? item.value : null));
  if (value.kind === Kind.INT) return Number(value.value);
  return "value" in value ? value.value : null;
}

/**
 * An SDL as a sorted list of printed definitions, without what buildSubgraphSchema adds to the one it
 * serves: the `schema` block of the link spec, the definitions of link's and federation's directives and
 * types, _Any, _Service, _Entity, and Query's _entities and _service. Descriptions are printed alike
 * whether written "…" or """…""".
 */
function contract(sdl: string): string[] {
  const document = parse(sdl);
  const federationDirectives = new Set(["link", ...federationLink(document).imports]);
  const machinery = (name: string) => /^(link__|federation__)/.test(name) || ["_Any", "_Service", "_Entity"].includes(name);
  const kept = document.definitions.flatMap((definition): DefinitionNode[] => {
    if (definition.kind === Kind.SCHEMA_DEFINITION) return [];
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) {
      const name = definition.name.value;
      return federationDirectives.has(name) || name.startsWith("federation__") ? [] : [definition];
    }
    if ("name" in definition && definition.name && machinery(definition.name.value)) return [];
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === "Query") {
      const fields = definition.fields?.filter((field) => !["_entities", "_service"].includes(field.name.value));
      return [{ ...definition, fields }];
    }
    return [definition];
  });
  const uniform = visit({ kind: Kind.DOCUMENT, definitions: kept }, { StringValue: (node) => ({ ...node, block: false }) });
  return uniform.definitions.map((definition) => print(definition)).sort();
}

function objectTypes(document: DocumentNode): ObjectTypeDefinitionNode[] {
  return document.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);
}

function directive(field: FieldDefinitionNode, name: string): ConstDirectiveNode | undefined {
  return field.directives?.find((d) => d.name.value === name);
}

describe("the SDL usergraph serves", () => {
  let t: TestApp;
  let served: string;
  beforeAll(async () => {
    t = await startTestApp();
    const result = await t.execute(`{ _service { sdl } }`);
    expect(result.errors).toBeUndefined();
    served = result.data?._service.sdl;
  });
  afterAll(() => t.close());

  it("matches schema.graphql: every type, field, argument, description and directive", () => {
    const file = readFileSync(schemaFile, "utf8");
    expect(contract(served)).toEqual(contract(file));
    // The comparison would see a drift: a changed description, a lost directive.
    expect(contract(file.replace(`"The user's email address, if known."`, `"Their email."`))).not.toEqual(contract(served));
    expect(contract(file.replace(`String! @cost(weight: 10)`, `String!`))).not.toEqual(contract(served));
  });

  it("links federation v2.9 and imports exactly the directives it uses", () => {
    const document = parse(served);
    const link = federationLink(document);
    expect(link.url).toBe("https://specs.apollo.dev/federation/v2.9");
    const used = new Set<string>();
    const file = parse(readFileSync(schemaFile, "utf8"));
    visit(file, {
      Directive(node) {
        if (node.name.value !== "link") used.add(node.name.value);
      },
    });
    expect([...used].sort()).toEqual([...link.imports].sort());
    expect([...used].sort()).toEqual(["cost", "key", "listSize", "shareable"]);
  });

  it("puts @listSize on every connection field, sized by first and last and our default page of 20", () => {
    const document = parse(served);
    const connections = objectTypes(document).flatMap((type) =>
      (type.fields ?? [])
        .filter((field) => getNamedTypeName(field).endsWith("Connection"))
        .map((field) => ({ coordinate: `${type.name.value}.${field.name.value}`, field })),
    );
    expect(connections.map((c) => c.coordinate).sort()).toEqual(
      ["EntityNode.facts", "Query.users", "Thread.messages", "User.graphNodes", "User.threads"].sort(),
    );
    for (const { coordinate, field } of connections) {
      const listSize = directive(field, "listSize");
      const slicing = (field.arguments ?? []).map((a) => a.name.value).filter((name) => name === "first" || name === "last");
      expect({ coordinate, listSize: listSize && print(listSize) }).toEqual({
        coordinate,
        listSize: `@listSize(slicingArguments: ${JSON.stringify(slicing).replace(/,/g, ", ")}, assumedSize: 20, sizedFields: ["edges"], requireOneSlicingArgument: false)`,
      });
    }
  });

  it("sizes the other object lists too, and prices search and the context block above their siblings", () => {
    const document = parse(served);
    const fields = new Map<string, FieldDefinitionNode>(
      objectTypes(document).flatMap((type) => (type.fields ?? []).map((field) => [`${type.name.value}.${field.name.value}`, field] as const)),
    );
    const applied = (coordinate: string, name: string) => {
      const found = fields.get(coordinate);
      const node = found && directive(found, name);
      return node ? print(node) : undefined;
    };
    expect(applied("User.episodes", "listSize")).toBe(`@listSize(slicingArguments: ["last"], assumedSize: 10, requireOneSlicingArgument: false)`);
    expect(applied("Episode.mentions", "listSize")).toBe(`@listSize(assumedSize: 10)`);
    expect(applied("Query.searchGraph", "listSize")).toContain(`sizedFields: ["edges", "nodes", "episodes"]`);
    expect(applied("Query.usersOrdered", "listSize")).toContain(`slicingArguments: ["pageSize"]`);
    expect(applied("Query.threadsOrdered", "listSize")).toContain(`slicingArguments: ["pageSize"]`);
    expect(applied("Query.searchGraph", "cost")).toBe("@cost(weight: 10)");
    expect(applied("Thread.userContext", "cost")).toBe("@cost(weight: 10)");
    expect(applied("Query.usersOrdered", "cost")).toBe("@cost(weight: 5)");
    expect(applied("Query.threadsOrdered", "cost")).toBe("@cost(weight: 5)");

    // Every field that returns a list of objects says how long it is, by itself or through its parent's
    // sizedFields; lists of scalars cost nothing per item and need no size.
    const sizedByParent = new Set<string>();
    for (const [, field] of fields) {
      const sized = directive(field, "listSize");
      const names = sized ? ((argument(sized, "sizedFields") ?? []) as string[]) : [];
      for (const name of names) sizedByParent.add(`${getNamedTypeName(field)}.${name}`);
    }
    const objectNames = new Set(objectTypes(document).map((type) => type.name.value));
    const unsized = [...fields.entries()]
      .filter(([coordinate, field]) => !coordinate.startsWith("Query._") && isList(field) && objectNames.has(getNamedTypeName(field)))
      .filter(([coordinate, field]) => !directive(field, "listSize") && !sizedByParent.has(coordinate))
      .map(([coordinate]) => coordinate);
    // Mutation payloads list what one call returned; they are priced by the mutation, not by size.
    expect(unsized).toEqual([]);
  });
});

function getNamedTypeName(field: FieldDefinitionNode): string {
  let type = field.type;
  while (type.kind !== Kind.NAMED_TYPE) type = type.type;
  return type.name.value;
}

function isList(field: FieldDefinitionNode): boolean {
  let type = field.type;
  while (type.kind === Kind.NON_NULL_TYPE) type = type.type;
  return type.kind === Kind.LIST_TYPE;
}
