import { existsSync } from "node:fs";
import path from "node:path";

// The same code runs from src/ under jest and tsx and from dist/src/ after a build, so files that ship
// beside the code (schema.graphql, cypher/, scripts/neo4j) are found from the package root, not from
// the working directory or a fixed number of "../".
function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot(__dirname);
export const schemaFile = path.join(packageRoot, "schema.graphql");
export const cypherDir = path.join(packageRoot, "cypher");
export const localNeo4jDir = path.join(packageRoot, ".neo4j");
export const neo4jScriptsDir = path.join(packageRoot, "scripts", "neo4j");
