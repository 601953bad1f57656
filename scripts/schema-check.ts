import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { type Change, CriticalityLevel, diff } from "@graphql-inspector/core";
import { Kind, parse } from "graphql";
import { packageRoot, schemaFile } from "../src/paths";

/**
 * `npm run schema:check [ref]`: what changed in the working tree's schema.graphql against schema.graphql
 * at a git ref (default `main`), as @graphql-inspector/core classifies each change: breaking, dangerous
 * or safe for the clients of the schema at that ref. Exits 1 when a change is breaking, for use in review.
 *
 * Both sides are built as usergraph serves them, with buildSubgraphSchema, so an SDL that would not start
 * the service fails the check, and the federation machinery (_entities, _Entity) is compared too: making
 * a type an entity, or no longer one, shows up.
 */

export interface SchemaCheck {
  /** The changes to our contract, as the inspector reports them. */
  changes: Change[];
  breaking: Change[];
  /** How many changes were left out: to federation's own definitions, or implied by another change. */
  omitted: number;
}

export async function checkSchema(oldSdl: string, newSdl: string): Promise<SchemaCheck> {
  const all = await diff(subgraphSchema(oldSdl, "the old schema"), subgraphSchema(newSdl, "the new schema"));
  const federation = new Set([...federationDefinitions(oldSdl), ...federationDefinitions(newSdl)]);
  const changes = all.filter((change) => !isFederationDefinition(change, federation) && !isImplied(change, all));
  return {
    changes,
    breaking: changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking),
    omitted: all.length - changes.length,
  };
}

/**
 * The directives an SDL's federation @link brings (`@key`, `@federation__tag`, …): their definitions change
 * with the federation version, not with our contract, and every use of them is reported on its own.
 */
function federationDefinitions(sdl: string): string[] {
  const names = ["@link"];
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.SCHEMA_EXTENSION && definition.kind !== Kind.SCHEMA_DEFINITION) continue;
    for (const directive of definition.directives ?? []) {
      const url = directive.arguments?.find((a) => a.name.value === "url")?.value;
      const imports = directive.arguments?.find((a) => a.name.value === "import")?.value;
      if (directive.name.value !== "link" || url?.kind !== Kind.STRING || !url.value.includes("/federation/")) continue;
      if (imports?.kind !== Kind.LIST) continue;
      for (const item of imports.values) if (item.kind === Kind.STRING) names.push(item.value);
    }
  }
  return names;
}

function isFederationDefinition(change: Change, federation: ReadonlySet<string>): boolean {
  const head = change.path?.split(".")[0] ?? "";
  const aboutDefinition = change.type.startsWith("DIRECTIVE_") && !change.type.startsWith("DIRECTIVE_USAGE_");
  return /^@?(federation__|link__)/.test(head) || (aboutDefinition && federation.has(head));
}

/** An argument of a directive use that was itself added or removed: "Argument 'weight' was added to '@cost'". */
function isImplied(change: Change, all: readonly Change[]): boolean {
  if (!/^DIRECTIVE_USAGE_ARGUMENT_(ADDED|REMOVED)$/.test(change.type) || !change.path) return false;
  const usage = change.path.slice(0, change.path.lastIndexOf("."));
  const added = change.type.endsWith("_ADDED");
  return all.some(
    (other) =>
      other.path === usage &&
      other.type.startsWith("DIRECTIVE_USAGE_") &&
      !other.type.startsWith("DIRECTIVE_USAGE_ARGUMENT_") &&
      other.type.endsWith(added ? "_ADDED" : "_REMOVED"),
  );
}

/** One line a change, breaking first: `BREAKING     Field 'email' was removed from object type 'User'`. */
export function formatChanges(changes: readonly Change[]): string {
  const order = [CriticalityLevel.Breaking, CriticalityLevel.Dangerous, CriticalityLevel.NonBreaking];
  return [...changes]
    .sort((a, b) => order.indexOf(a.criticality.level) - order.indexOf(b.criticality.level))
    .map((change) => {
      // The inspector's reason is worth showing when it explains; for directive uses it restates the message.
      const why = change.criticality.reason;
      const reason = why && !why.startsWith(change.message.split("'")[0] ?? "") ? ` (${why})` : "";
      return `${change.criticality.level.padEnd(12)} ${change.message}${reason}`;
    })
    .join("\n");
}

/** schema.graphql as committed at `ref`. */
export function schemaAtRef(ref: string): string {
  try {
    return execFileSync("git", ["show", `${ref}:schema.graphql`], {
      cwd: packageRoot,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`cannot read schema.graphql at "${ref}": ${stderr || String(error)}`);
  }
}

function subgraphSchema(sdl: string, which: string) {
  try {
    return buildSubgraphSchema({ typeDefs: parse(sdl) });
  } catch (error) {
    throw new Error(`${which} is not a valid subgraph schema: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function main(): Promise<void> {
  const ref = process.argv[2] ?? "main";
  const result = await checkSchema(schemaAtRef(ref), readFileSync(schemaFile, "utf8"));
  const omitted = result.omitted > 0 ? ` (and ${result.omitted} to federation's definitions or implied, not shown)` : "";
  if (result.changes.length === 0) {
    console.log(`schema.graphql: no changes against ${ref}${omitted}`);
    return;
  }
  console.log(`schema.graphql against ${ref}: ${result.changes.length} change(s), ${result.breaking.length} breaking${omitted}\n`);
  console.log(formatChanges(result.changes));
  if (result.breaking.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
