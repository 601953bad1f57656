// npm run bench [-- scenario-id ...]: how fast the service is, as ratios against a naive baseline measured
// in the same run on the same Neo4j (absolute times say more about the machine than about the code; the
// project's tests assert no timings, this reports them). Starts a throwaway Neo4j unless NEO4J_BENCH_URI
// names one, prints a table to stdout (progress to stderr) and writes scripts/bench/results/latest.json.
// Given scenario ids, runs only those. `scale` and `import` run only when named: they import hundreds of
// thousands of users (scale up to a million).
import path from "node:path";
import { type BenchApp, removeProjectData, startBenchApp } from "./benchApp";
import { type BenchMemory, type BenchNeo4j, benchNeo4j } from "./neo4j";
import { machineInfo, printMachine, printTable, type ScenarioResult, writeJson } from "./report";
import { progress } from "./progress";
import { addMessagesThroughput } from "./scenarios/addMessages";
import { deleteLargeUser } from "./scenarios/deleteUser";
import { importWithoutThreads } from "./scenarios/importUsers";
import { ingestThroughput } from "./scenarios/ingest";
import { usersWithNodes } from "./scenarios/usersWithNodes";
import { usersWithThreads } from "./scenarios/usersWithThreads";
import { scale } from "./scenarios/scale";
import type { ScaleReport } from "./scale/scaleReport";
import { printScale } from "./scale/report";
import { UsageError } from "./usageError";

type Scenario = (app: BenchApp) => Promise<ScenarioResult | ScenarioResult[]>;

// In this order: the read scenarios page the newest users, so each must run right after seeding its own.
const SCENARIOS: Record<string, Scenario> = {
  "users-with-nodes": usersWithNodes,
  "users-with-threads": usersWithThreads,
  "add-messages": addMessagesThroughput,
  "delete-user": deleteLargeUser,
  ingest: ingestThroughput,
};

// Run only when named: they write hundreds of thousands of users into the run's project.
const OPT_IN_SCENARIOS: Record<string, Scenario> = {
  import: importWithoutThreads,
};

const SCALE = "scale";

// A million users outgrow the Launcher's 256 MiB page cache and 1 GiB heap (transactions get a quarter of
// it, and the numbered pages sort the whole project): the scale run asks for more unless told otherwise.
const SCALE_MEMORY: BenchMemory = {
  pageCache: process.env.BENCH_PAGE_CACHE || "2g",
  heap: process.env.BENCH_HEAP || "2g",
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const withScale = args.includes(SCALE);
  const selected = selectScenarios(args.filter((id) => id !== SCALE), withScale);
  const startedAt = new Date();
  progress(process.env.NEO4J_BENCH_URI ? `using Neo4j at ${process.env.NEO4J_BENCH_URI}` : "starting a throwaway Neo4j");
  const target = await benchNeo4j(withScale || selected.some(([id]) => id in OPT_IN_SCENARIOS) ? SCALE_MEMORY : {});
  stopOnSignal(target);
  try {
    const app = await startBenchApp(target);
    try {
      const machine = machineInfo(await describeNeo4j(app, target));
      printMachine(machine);
      const scenarios: ScenarioResult[] = [];
      for (const [id, run] of selected) scenarios.push(...(await runScenario(id, run, app)));
      if (scenarios.length > 0) printTable(scenarios);
      let scaleReport: ScaleReport | undefined;
      if (withScale) {
        progress(`${SCALE}…`);
        scaleReport = await scale(target);
        printScale(scaleReport);
      }
      const durationSeconds = Math.round((Date.now() - startedAt.getTime()) / 100) / 10;
      const file = await writeJson({ startedAt: startedAt.toISOString(), durationSeconds, machine, scenarios, scale: scaleReport });
      console.log(`\nresults written to ${path.relative(process.cwd(), file)} (run took ${durationSeconds} s)`);
    } finally {
      if (target.kind === "external") await removeProjectData(app);
      await app.close();
    }
  } finally {
    await target.stop();
  }
}

/** The scenarios named, or all but the opt-in ones when none is (scale alone runs only scale). */
function selectScenarios(ids: string[], withScale: boolean): [string, Scenario][] {
  const all = { ...SCENARIOS, ...OPT_IN_SCENARIOS };
  const unknown = ids.filter((id) => !(id in all));
  if (unknown.length > 0) {
    throw new UsageError(`unknown scenario ${unknown.join(", ")}; the scenarios are ${[...Object.keys(all), SCALE].join(", ")}`);
  }
  if (ids.length === 0) return withScale ? [] : Object.entries(SCENARIOS);
  return Object.entries(all).filter(([id]) => ids.includes(id));
}

async function runScenario(name: string, run: Scenario, app: BenchApp): Promise<ScenarioResult[]> {
  progress(`${name}…`);
  const start = performance.now();
  const results = [await run(app)].flat();
  const ratios = results.map((result) => (result.ratio === null ? "no baseline" : `ratio ${result.ratio}×`)).join(", ");
  progress(`${name}: ${ratios} (${((performance.now() - start) / 1000).toFixed(1)} s with seeding)`);
  return results;
}

async function describeNeo4j(app: BenchApp, target: BenchNeo4j): Promise<string> {
  const [row] = await app.baseline.read(`CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition`);
  const where = target.kind === "throwaway" ? "throwaway, started for this run" : `at ${target.uri}`;
  return `${String(row?.name)} ${String(row?.version)} ${String(row?.edition)} (${where})`;
}

// A throwaway Neo4j dies with this process anyway (tieToParent); stopping it here also removes its store.
function stopOnSignal(target: BenchNeo4j): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      progress(`${signal}: stopping`);
      void target.stop().finally(() => process.exit(130));
    });
  }
}

main().catch((error: unknown) => {
  const detail = error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`bench failed: ${detail}`);
  process.exitCode = 1;
});
