import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { localNeo4jDir, neo4jScriptsDir } from "../paths";
import { withDirLock } from "./dirLock";
import { javaExecutable } from "./javaCommand";
import { runCommand } from "./runCommand";

export const neo4jLibDir = path.join(localNeo4jDir, "lib");
const pomFile = path.join(neo4jScriptsDir, "pom.xml");
// Written last, so its presence means a complete set of jars, and naming the version means a change of
// version in the pom fetches again instead of running against the old jars.
const markerFile = ".usergraph-neo4j-version";

// Returns the directory holding the Neo4j jars for Launcher.java, fetching them with Maven the first time.
export async function ensureNeo4jJars(): Promise<string> {
  const version = await pomNeo4jVersion();
  if (await hasJars(version)) return neo4jLibDir;
  await mkdir(localNeo4jDir, { recursive: true });
  await withDirLock(path.join(localNeo4jDir, "lib.lock"), async () => {
    if (await hasJars(version)) return; // fetched by whoever held the lock before us
    await fetchJars(version);
  });
  return neo4jLibDir;
}

async function pomNeo4jVersion(): Promise<string> {
  const pom = await readFile(pomFile, "utf8");
  const version = /<neo4j\.version>\s*([^<\s]+)\s*<\/neo4j\.version>/.exec(pom)?.[1];
  if (!version) throw new Error(`no <neo4j.version> property in ${pomFile}`);
  return version;
}

async function hasJars(version: string): Promise<boolean> {
  try {
    return (await readFile(path.join(neo4jLibDir, markerFile), "utf8")).trim() === version;
  } catch {
    return false;
  }
}

// Maven copies into a fresh staging directory that then replaces lib/ in one rename, so a Launcher never
// sees a half-copied lib/ or jars of two Neo4j versions side by side. (A Neo4j still running from the old
// lib/ keeps the jars it has open; stop it before changing the version in the pom.)
async function fetchJars(version: string): Promise<void> {
  await runCommand(javaExecutable(), ["-version"], "run the local Neo4j (a JDK 17 or newer)");
  const staging = await mkdtemp(path.join(localNeo4jDir, "lib.staging-"));
  const retired = `${neo4jLibDir}.old-${process.pid}`;
  try {
    await runCommand(
      "mvn",
      ["-B", "-q", "-f", pomFile, `-Dneo4j.lib.dir=${staging}`, "package"],
      `fetch the Neo4j ${version} jars into ${neo4jLibDir}`,
    );
    await writeFile(path.join(staging, markerFile), `${version}\n`);
    if (existsSync(neo4jLibDir)) await rename(neo4jLibDir, retired);
    await rename(staging, neo4jLibDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(retired, { recursive: true, force: true });
  }
}
