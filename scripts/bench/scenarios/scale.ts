// `npm run bench -- scale`: how the reads and the page of 50 users fare as a project grows from SCALE_SMALL
// users (default 10,000) to SCALE_USERS (default 1,000,000), every user imported through the import path
// (an NDJSON file and importFile, as `npm run import` runs it), each threaded user then given a small graph
// (scale/userGraphs.ts). At each size: every read of scale/reads.ts, one request at a time, and the page of
// 50 users under 32 concurrent clients, side by side with @neo4j/graphql 7 (its connection and its list) and
// a one-statement neo4j-driver floor; the user searches are timed through @neo4j/graphql too. Opt-in: it
// takes minutes at the default sizes.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type BenchApp, removeProjectData, startBenchApp } from "../benchApp";
import type { BenchNeo4j } from "../neo4j";
import { progress } from "../progress";
import { writeUsers } from "../scale/dataset";
import { type LoadResult, runLoad } from "../scale/load";
import { startNeo4jGraphql } from "../scale/neo4jGraphql";
import { type PageSide, neo4jGraphqlSides, rawDriverSide, usergraphSide } from "../scale/pageOfUsers";
import { expectSearchMatches, findReadTargets, scaleReads, timeReads, warmUpReads } from "../scale/reads";
import { waitUntilQuiet } from "../scale/quiet";
import type { ScaleReport, ScaleSize } from "../scale/scaleReport";
import { expectUserGraph, writeUserGraphs } from "../scale/userGraphs";
import { startScaleEmbeddings } from "../scale/embeddings";
import { expectSame } from "./common";
import { UsageError } from "../usageError";
import { sizeFromEnv } from "../env";

const CLIENTS = 32;

export async function scale(target: BenchNeo4j): Promise<ScaleReport> {
  const small = sizeFromEnv("SCALE_SMALL", 10_000);
  const large = sizeFromEnv("SCALE_USERS", 1_000_000);
  if (small >= large) throw new UsageError(`SCALE_SMALL (${small}) must be below SCALE_USERS (${large})`);
  const loadSeconds = sizeFromEnv("SCALE_LOAD_SECONDS", 20);
  const readBudgetMs = sizeFromEnv("SCALE_READ_BUDGET_SECONDS", 20) * 1000;
  // An app of its own, with an embeddings model: searchGraph runs its semantic half too, as it would for a
  // project that has one.
  const embeddings = await startScaleEmbeddings();
  const app = await startBenchApp(target, { embeddings: embeddings.config });
  try {
    return await measureSizes(app, target, { small, large, loadSeconds, readBudgetMs });
  } finally {
    if (target.kind === "external") await removeProjectData(app);
    await app.close();
    await embeddings.close();
  }
}

async function measureSizes(
  app: BenchApp,
  target: BenchNeo4j,
  { small, large, loadSeconds, readBudgetMs }: { small: number; large: number; loadSeconds: number; readBudgetMs: number },
): Promise<ScaleReport> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "usergraph-bench-scale-"));
  const peer = await startNeo4jGraphql(target, app.projectId);
  const sides = [usergraphSide(app), ...neo4jGraphqlSides(peer), rawDriverSide(app)];
  const readSides = { app, peer };
  try {
    const measure = async (from: number, to: number): Promise<ScaleSize> => {
      const imported = await grow(app, dir, from, to);
      const graphs = await addGraphs(app, from, to);
      const quiet = await waitUntilQuiet(target);
      if (quiet.seconds !== null) progress(`  ${to} users: Neo4j ${quiet.quiet ? "went quiet" : "was still busy"} after ${quiet.seconds} s`);
      progress(`  ${to} users: timing the reads, one request at a time`);
      const targets = await findReadTargets(app, to);
      await expectUserGraph(app, targets.threadedUser);
      await expectSearchMatches(readSides, to);
      await warmUpReads(readSides, scaleReads(targets), readBudgetMs);
      const reads = await timeReads(readSides, scaleReads(targets), readBudgetMs);
      progress(`  ${to} users: the page of 50 users, ${CLIENTS} clients for ${loadSeconds} s per side`);
      return { users: to, import: imported, graphs, quiet, reads, load: await loadSides(sides, loadSeconds) };
    };
    const first = await measure(0, small);
    const second = await measure(small, large);
    return { clients: CLIENTS, loadSeconds, sizes: [first, second] };
  } finally {
    for (const side of sides) await side.close();
    await peer.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function grow(app: BenchApp, dir: string, from: number, to: number): Promise<ScaleSize["import"]> {
  progress(`  writing users ${from} to ${to - 1} as NDJSON`);
  const file = await writeUsers(dir, from, to);
  progress(`  importing ${to - from} users through the import path`);
  let tenth = 0;
  let refused: string | undefined;
  const summary = await app.importFile(file, {
    onRejected: (line, message) => {
      refused ??= `line ${line}: ${message}`;
    },
    onProgress: (p) => {
      const reached = Math.floor((p.imported / (to - from)) * 10);
      if (reached > tenth) progress(`    ${reached * 10}%: ${p.imported} users, ${Math.round((p.imported * 1000) / p.elapsedMs)} users/s`);
      tenth = Math.max(tenth, reached);
    },
  });
  await rm(file, { force: true });
  if (refused) throw new Error(`the import refused ${summary.rejected} line(s) of the scale data set, the first ${refused}`);
  if (summary.imported !== to - from) throw new Error(`imported ${summary.imported} users of ${to - from} (skipped ${summary.skipped})`);
  const seconds = summary.elapsedMs / 1000;
  return { users: summary.imported, seconds: Math.round(seconds * 10) / 10, usersPerSecond: Math.round(summary.imported / seconds) };
}

async function addGraphs(app: BenchApp, from: number, to: number): Promise<ScaleSize["graphs"]> {
  progress(`  writing the graphs of the threaded users among ${from} to ${to - 1}`);
  const started = performance.now();
  const users = await writeUserGraphs(app, from, to);
  return { users, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

/**
 * Every side must give the same answer before it is timed: a different page would be a different
 * workload. A side that fails that one request is reported with its error and not loaded.
 */
async function loadSides(sides: PageSide[], loadSeconds: number): Promise<Record<string, LoadResult>> {
  const ours = sides[0]!;
  const answer = await ours.read();
  const results: Record<string, LoadResult> = {};
  for (const side of sides) {
    if (side !== ours) {
      const theirs = await side.read().catch((error: unknown) => error as Error);
      if (theirs instanceof Error) {
        progress(`    ${side.name}: a single request failed: ${theirs.message}`);
        results[side.name] = { requests: 0, errors: 1, requestsPerSecond: 0, p50Ms: null, p99Ms: null, firstError: theirs.message.slice(0, 200) };
        continue;
      }
      expectSame(`the page of users, ${ours.name} vs ${side.name}`, answer, theirs);
    }
    results[side.name] = await runLoad(() => side.read(), { clients: CLIENTS, warmupMs: 3000, durationMs: loadSeconds * 1000 });
    progress(`    ${side.name}: ${results[side.name]!.requestsPerSecond} req/s, p99 ${results[side.name]!.p99Ms} ms`);
  }
  return results;
}
