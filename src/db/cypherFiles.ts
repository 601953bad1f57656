import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { cypherDir } from "../paths";

/**
 * The Cypher statements of cypher/, one per file, named by their path without the extension
 * ("user.create", "schema/user.constraints"). Read once at start-up; the name doubles as the
 * `query` label of the statement counter.
 */
export class CypherFiles {
  private constructor(private readonly statements: ReadonlyMap<string, string>) {}

  static load(root: string = cypherDir): CypherFiles {
    const statements = new Map<string, string>();
    for (const file of listCypherFiles(root)) {
      const name = path.relative(root, file).replace(/\\/g, "/").replace(/\.cypher$/, "");
      statements.set(name, readFileSync(file, "utf8"));
    }
    return new CypherFiles(statements);
  }

  get(name: string): string {
    const statement = this.statements.get(name);
    if (statement === undefined) throw new Error(`no Cypher file named "${name}" (expected cypher/${name}.cypher)`);
    return statement;
  }

  /** Names under a folder, in file-name order, e.g. the idempotent schema statements. */
  namesUnder(folder: string): string[] {
    return [...this.statements.keys()].filter((name) => name.startsWith(`${folder}/`)).sort();
  }

  names(): string[] {
    return [...this.statements.keys()].sort();
  }
}

function listCypherFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listCypherFiles(full);
    return entry.name.endsWith(".cypher") ? [full] : [];
  });
}
