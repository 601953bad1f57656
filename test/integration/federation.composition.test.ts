import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Kind, type ObjectTypeDefinitionNode, parse, print } from "graphql";
import { billingConfigFromEnv } from "../../examples/billing/index";
import { demoInvoices } from "../../examples/billing/server";
import { subgraphUrlsFromEnv, subgraphUrlsOf, withSubgraphUrls } from "../../scripts/gateway";
import { composeSupergraph, formatCompositionErrors, loadSupergraphConfig } from "../../scripts/supergraph";
import { packageRoot, schemaFile } from "../../src/paths";

// Composition needs no database: these pin that usergraph composes with the demo subgraph, that the
// composer's errors reach whoever runs `npm run supergraph`, and what the supergraph carries.

const run = promisify(execFile);
const tsx = path.join(packageRoot, "node_modules", ".bin", "tsx");
const FEDERATION = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])`;

/** The directives applied to a field of the supergraph, printed: `@cost(weight: 10)`. */
function fieldDirectives(supergraph: string, coordinate: string): string[] {
  const [typeName, fieldName] = coordinate.split(".");
  const type = parse(supergraph).definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === typeName,
  );
  const field = type?.fields?.find((f) => f.name.value === fieldName);
  if (!field) throw new Error(`the supergraph has no field ${coordinate}`);
  return (field.directives ?? []).map((directive) => print(directive));
}

describe("composition", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "usergraph-supergraph-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A config in the temporary folder: the repository's subgraphs plus `extra`, written to out.graphql. */
  function writeConfig(name: string, extra: { name: string; sdl: string }[] = []): string {
    const subgraphs = [
      ...loadSupergraphConfig().subgraphs,
      ...extra.map((subgraph) => {
        const file = path.join(dir, `${subgraph.name}.graphql`);
        writeFileSync(file, subgraph.sdl);
        return { name: subgraph.name, schema: file, url: `http://127.0.0.1:4999/${subgraph.name}` };
      }),
    ];
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify({ output: `${name}.graphql`, subgraphs }));
    return file;
  }

  it("composes usergraph, from schema.graphql, with the demo billing subgraph", () => {
    const config = loadSupergraphConfig();
    expect(config.subgraphs.map((subgraph) => subgraph.name)).toEqual(["usergraph", "billing"]);
    expect(config.subgraphs[0]?.schema).toBe(schemaFile);
    const result = composeSupergraph(config.subgraphs);
    expect(result.errors).toBeUndefined();
    const supergraph = result.supergraphSdl ?? "";
    expect(subgraphUrlsOf(parse(supergraph))).toEqual(Object.fromEntries(config.subgraphs.map((s) => [s.name, s.url])));
    // Invoice.user is billing's reference; User and its fields are usergraph's.
    expect(supergraph).toMatch(/type User @join__type\(graph: BILLING, key: "userId", resolvable: false\) @join__type\(graph: USERGRAPH, key: "userId"\)/);
    expect(supergraph).toMatch(/email: String @join__field\(graph: USERGRAPH\)/);
    expect(result.publicSdl).toMatch(/type Invoice \{[^}]*user: User\n/);
  });

  it("keeps @listSize and @cost in the supergraph, linked to the cost spec a router reads", () => {
    const supergraph = composeSupergraph(loadSupergraphConfig().subgraphs).supergraphSdl ?? "";
    expect(supergraph).toContain(`@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])`);
    expect(fieldDirectives(supergraph, "Thread.userContext")).toEqual(["@cost(weight: 10)"]);
    expect(fieldDirectives(supergraph, "Query.searchGraph")).toEqual([
      "@join__field(graph: USERGRAPH)",
      "@cost(weight: 10)",
      `@listSize(requireOneSlicingArgument: false, assumedSize: 10, slicingArguments: ["limit"], sizedFields: ["edges", "nodes", "episodes"])`,
    ]);
    expect(fieldDirectives(supergraph, "User.threads")).toContain(
      `@listSize(requireOneSlicingArgument: false, assumedSize: 20, slicingArguments: ["first", "last"], sizedFields: ["edges"])`,
    );
  });

  it("fails on a subgraph whose User key has another type, with the composer's error", () => {
    const conflicting = {
      name: "crm",
      sdl: `${FEDERATION}\ntype User @key(fields: "userId") { userId: Int! }\ntype Query { topUser: User }`,
    };
    const config = loadSupergraphConfig(writeConfig("mismatch", [conflicting]));
    const result = composeSupergraph(config.subgraphs);
    expect(result.errors?.map((error) => error.extensions.code)).toEqual(["FIELD_TYPE_MISMATCH"]);
    expect(formatCompositionErrors(result)).toBe(
      `  FIELD_TYPE_MISMATCH: Type of field "User.userId" is incompatible across subgraphs: it has type "ID!" in subgraphs "billing", "usergraph" but type "Int!" in subgraph "crm"`,
    );
  });

  it("fails on a subgraph that also resolves a field usergraph owns, which is not @shareable", () => {
    const conflicting = {
      name: "crm",
      sdl: `${FEDERATION}\ntype User @key(fields: "userId") { userId: ID! email: String }\ntype Query { topUser: User }`,
    };
    const result = composeSupergraph(loadSupergraphConfig(writeConfig("sharing", [conflicting])).subgraphs);
    expect(result.errors?.map((error) => error.extensions.code)).toEqual(["INVALID_FIELD_SHARING"]);
    expect(result.errors?.[0]?.message).toContain(`Non-shareable field "User.email" is resolved from multiple subgraphs`);
  });

  it("npm run supergraph writes the supergraph, and fails with the composer's messages", async () => {
    const good = writeConfig("good");
    const ok = await run(tsx, [path.join(packageRoot, "scripts", "supergraph.ts"), good], { cwd: dir });
    expect(ok.stdout).toContain("good.graphql: usergraph");
    const written = readFileSync(path.join(dir, "good.graphql"), "utf8");
    expect(written).toBe(`${(composeSupergraph(loadSupergraphConfig(good).subgraphs).supergraphSdl ?? "").trimEnd()}\n`);

    const bad = writeConfig("bad", [{ name: "crm", sdl: `${FEDERATION}\ntype User @key(fields: "userId") { userId: Int! }\ntype Query { x: User }` }]);
    const failed = await run(tsx, [path.join(packageRoot, "scripts", "supergraph.ts"), bad], { cwd: dir }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain("composition of usergraph, billing, crm failed:");
    expect(failed?.stderr).toContain(`FIELD_TYPE_MISMATCH: Type of field "User.userId" is incompatible across subgraphs`);
  });

  it("reports every problem of a config at once, by place", () => {
    const file = path.join(dir, "broken.json");
    writeFileSync(file, JSON.stringify({ subgraphs: [{ name: "a", schema: "a.graphql", url: "ftp://x" }, { name: "a", url: "http://y" }] }));
    expect(() => loadSupergraphConfig(file)).toThrow(
      [
        `${file}:`,
        `  output must be a non-empty string; got undefined`,
        `  subgraphs[0].url must be an http(s) URL; got "ftp://x"`,
        `  subgraphs[1].schema must be a non-empty string; got undefined`,
        `  subgraph names must be unique; repeated: a`,
      ].join("\n"),
    );
  });
});

describe("the gateway's subgraph URLs", () => {
  const supergraph = () => parse(composeSupergraph(loadSupergraphConfig().subgraphs).supergraphSdl ?? "");

  it("come from the supergraph, and <NAME>_URL replaces a subgraph's for a deployment such as docker compose", () => {
    const composed = supergraph();
    expect(subgraphUrlsOf(composed)).toEqual({ billing: "http://127.0.0.1:4001/graphql", usergraph: "http://127.0.0.1:4000/graphql" });
    const fromEnv = subgraphUrlsFromEnv(composed, { BILLING_URL: " http://billing:4001/graphql ", OTHER_URL: "http://x", USERGRAPH_URL: "" });
    expect(fromEnv).toEqual({ billing: "http://billing:4001/graphql" });
    expect(subgraphUrlsOf(withSubgraphUrls(composed, fromEnv))).toEqual({
      usergraph: "http://127.0.0.1:4000/graphql",
      billing: "http://billing:4001/graphql",
    });
  });

  it("refuses a URL for a subgraph the supergraph does not have", () => {
    expect(() => withSubgraphUrls(supergraph(), { crm: "http://crm" })).toThrow(
      "the supergraph has no subgraph named crm; it has billing, usergraph",
    );
  });
});

describe("the demo billing subgraph", () => {
  it("invoices each userId once, in order, the same way every time", () => {
    const invoices = demoInvoices(["a", "b", "a"]);
    expect(invoices.map((invoice) => [invoice.id, invoice.userId])).toEqual([
      ["inv-0001", "a"],
      ["inv-0002", "b"],
      ["inv-0003", "a"],
    ]);
    expect(demoInvoices(["a", "b", "a"])).toEqual(invoices);
  });

  it("takes its port and userIds from the environment", () => {
    expect(billingConfigFromEnv({})).toEqual({ port: 4001, userIds: ["jane"] });
    expect(billingConfigFromEnv({ BILLING_PORT: "5001", BILLING_USER_IDS: " jane, joe ,," })).toEqual({ port: 5001, userIds: ["jane", "joe"] });
    expect(() => billingConfigFromEnv({ BILLING_PORT: "80a" })).toThrow(`BILLING_PORT must be a whole number from 0 to 65535; got "80a"`);
  });
});
