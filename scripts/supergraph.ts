import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type CompositionResult, composeServices } from "@theguild/federation-composition";
import { parse } from "graphql";
import { packageRoot } from "../src/paths";

/**
 * `npm run supergraph [config]`: composes the subgraphs that supergraph.config.json names (usergraph
 * from schema.graphql, its contract, and the demo subgraphs beside it) with The Guild's MIT-licensed
 * composer, and writes the supergraph SDL to the config's `output`. Composition errors fail the script
 * with the composer's own messages.
 *
 * The config: { "output": file, "subgraphs": [{ "name", "schema": SDL file, "url": GraphQL endpoint }] },
 * paths relative to the config file. The urls are where a gateway reaches each subgraph; `npm run gateway`
 * can replace them from the environment (see scripts/gateway.ts).
 */

export const defaultConfigFile = path.join(packageRoot, "supergraph.config.json");

export interface SubgraphSource {
  name: string;
  /** The subgraph's SDL file, absolute. */
  schema: string;
  url: string;
}

export interface SupergraphConfig {
  /** Where the supergraph SDL goes, absolute. */
  output: string;
  subgraphs: SubgraphSource[];
}

/** Reads and checks a config file; every problem is reported at once, by its place in the file. */
export function loadSupergraphConfig(file: string = defaultConfigFile): SupergraphConfig {
  const raw = JSON.parse(readFileSync(file, "utf8")) as unknown;
  const dir = path.dirname(file);
  const problems: string[] = [];
  const text = (value: unknown, where: string): string => {
    if (typeof value === "string" && value.trim() !== "") return value;
    problems.push(`${where} must be a non-empty string; got ${JSON.stringify(value)}`);
    return "";
  };
  const record = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const output = text(record.output, "output");
  const list = Array.isArray(record.subgraphs) ? (record.subgraphs as unknown[]) : [];
  if (list.length === 0) problems.push(`subgraphs must be a non-empty list; got ${JSON.stringify(record.subgraphs)}`);
  const subgraphs = list.map((entry, i) => {
    const item = (typeof entry === "object" && entry !== null ? entry : {}) as Record<string, unknown>;
    const url = text(item.url, `subgraphs[${i}].url`);
    if (url !== "" && !/^https?:\/\//.test(url)) problems.push(`subgraphs[${i}].url must be an http(s) URL; got "${url}"`);
    return {
      name: text(item.name, `subgraphs[${i}].name`),
      schema: path.resolve(dir, text(item.schema, `subgraphs[${i}].schema`)),
      url,
    };
  });
  const names = subgraphs.map((subgraph) => subgraph.name);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0) problems.push(`subgraph names must be unique; repeated: ${repeated.join(", ")}`);
  if (problems.length > 0) throw new Error(`${file}:\n  ${problems.join("\n  ")}`);
  return { output: path.resolve(dir, output), subgraphs };
}

/** Composes the subgraphs from their SDL files. */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): CompositionResult {
  return composeServices(
    subgraphs.map((subgraph) => ({
      name: subgraph.name,
      url: subgraph.url,
      typeDefs: parse(readFileSync(subgraph.schema, "utf8")),
    })),
  );
}

/** The composer's errors, one a line, with their codes: what the script prints when composition fails. */
export function formatCompositionErrors(result: CompositionResult): string {
  return (result.errors ?? [])
    .map((error) => `  ${String(error.extensions.code ?? "COMPOSITION_ERROR")}: ${error.message}`)
    .join("\n");
}

function main(): void {
  const configFile = path.resolve(process.argv[2] ?? defaultConfigFile);
  const config = loadSupergraphConfig(configFile);
  const result = composeSupergraph(config.subgraphs);
  if (result.errors) {
    console.error(`composition of ${config.subgraphs.map((s) => s.name).join(", ")} failed:\n${formatCompositionErrors(result)}`);
    process.exit(1);
  }
  writeFileSync(config.output, `${result.supergraphSdl.trimEnd()}\n`);
  const names = config.subgraphs.map((subgraph) => `${subgraph.name} (${subgraph.url})`).join(", ");
  console.log(`wrote ${path.relative(process.cwd(), config.output) || config.output}: ${names}`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
