// npm run db:install: fetch the Neo4j jars (once; start does it too when they are missing).
// npm run db:start | db:stop: a development Neo4j that outlives the shell that started it, found again
// through .neo4j/neo4j.pid. (npm start without NEO4J_URI reuses it, or starts one of its own.)
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { localNeo4jDefaults, isPortListening, launcherLogFile, startLocalNeo4j } from "../src/localNeo4j";
import { loadConfig } from "../src/config";
import { ensureNeo4jJars } from "../src/localNeo4j/jars";
import { launcherPort, terminateProcess } from "../src/localNeo4j/processes";
import { localNeo4jDir } from "../src/paths";

const pidFile = path.join(localNeo4jDir, "neo4j.pid");
const { username, password } = localNeo4jDefaults;

async function start(): Promise<void> {
  // The same NEO4J_LOCAL_PORT and NEO4J_LOCAL_DATA that npm start reads, validated the same way.
  const { localNeo4jPort: port, localNeo4jDataDir: dataDir } = loadConfig();
  const pid = await readPidFile();
  const runningPort = pid === undefined ? undefined : launcherPort(pid);
  if (pid !== undefined && runningPort !== undefined) {
    console.log(`Neo4j is already running (pid ${pid}) on bolt://127.0.0.1:${runningPort}; reusing it`);
    return;
  }
  if (await isPortListening("127.0.0.1", port)) {
    console.log(
      `something already listens on 127.0.0.1:${port} (not started by db:start, so db:stop leaves it alone); reusing it`,
    );
    return;
  }
  const neo4j = await startLocalNeo4j({ port, dataDir, password, tieToParent: false });
  await writeFile(pidFile, `${neo4j.pid}\n`);
  console.log(
    `Neo4j started (pid ${neo4j.pid}) on ${neo4j.uri} as ${username}/${password}, data in ${dataDir}, ` +
      `log in ${launcherLogFile(dataDir)}; stop it with npm run db:stop`,
  );
}

async function stop(): Promise<void> {
  const pid = await readPidFile();
  if (pid === undefined) {
    console.log(`no ${pidFile}: no Neo4j started by db:start to stop`);
    return;
  }
  if (launcherPort(pid) === undefined) {
    await rm(pidFile, { force: true });
    console.log(`Neo4j (pid ${pid}) was not running; removed the stale ${pidFile}`);
    return;
  }
  await terminateProcess(pid);
  await rm(pidFile, { force: true });
  console.log(`Neo4j (pid ${pid}) stopped`);
}


async function readPidFile(): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(pidFile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`${pidFile} should hold a process id; it holds "${text.trim()}"`);
  return pid;
}

async function install(): Promise<void> {
  console.log(`Neo4j jars ready in ${await ensureNeo4jJars()}`);
}

const commands: Record<string, () => Promise<void>> = { install, start, stop };
const name = process.argv[2] ?? "";
const command = commands[name];
if (command === undefined) {
  console.error(`usage: tsx scripts/db.ts install|start|stop (got "${name}")`);
  process.exitCode = 2;
} else {
  command().catch((error: unknown) => {
    console.error(`db:${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
