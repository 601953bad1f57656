// `npm run bench -- import`: the bulk import's rate for users without threads, the figure. Each run
// imports IMPORT_USERS users (default 100,000) from an NDJSON file through importFile, as `npm run import`
// does; a run of each side first warms the JIT and Neo4j's caches. The baseline is the floor of the same
// writes: the User and graph-node nodes with the same properties, created by UNWIND in batches of 1,000,
// 3 batches at a time (the import's own batch size and concurrency) with no validation, summary, counter,
// search text or existing-id check.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { BenchApp } from "../benchApp";
import { compare } from "../measure";
import { inPool } from "../pool";
import type { ScenarioResult } from "../report";
import { writeUserLines } from "../scale/dataset";
import { ratio } from "./common";
import { sizeFromEnv } from "../env";

const BATCH = 1000;
const CONCURRENCY = 3;
const REPETITIONS = 2;

const BASELINE_CREATE = `
UNWIND $users AS user
CREATE (u:User {projectId: $projectId, userId: user.userId, uuid: user.uuid, groupId: user.uuid, email: user.email,
  firstName: user.firstName, lastName: user.lastName, createdAt: datetime(), updatedAt: datetime()})
CREATE (u)-[:HAS_NODE]->(:Entity {projectId: $projectId, groupId: user.uuid, uuid: user.nodeUuid,
  name: user.firstName + ' ' + user.lastName, summary: '', labels: ['Entity', 'User'], createdAt: datetime()})`;

export async function importWithoutThreads(app: BenchApp): Promise<ScenarioResult> {
  const users = sizeFromEnv("IMPORT_USERS", 100_000);
  const dir = await mkdtemp(path.join(os.tmpdir(), "usergraph-bench-import-"));
  try {
    // Every run imports users no earlier run made: line numbers continue from run to run.
    const files: string[] = [];
    for (let run = 0; run < 1 + REPETITIONS; run += 1) files.push(await writeUserLines(dir, `import-${run}`, users, { threads: false }));
    let nextFile = 0;
    const ours = async (): Promise<void> => {
      const summary = await app.importFile(files[nextFile++]!);
      if (summary.imported !== users) throw new Error(`imported ${summary.imported} of ${users} users (rejected ${summary.rejected})`);
    };
    let baselineRun = 0;
    const baseline = async (): Promise<void> => {
      const run = baselineRun++;
      await inPool(Math.ceil(users / BATCH), CONCURRENCY, (batch) =>
        app.baseline.write(BASELINE_CREATE, {
          projectId: app.projectId,
          users: Array.from({ length: Math.min(BATCH, users - batch * BATCH) }, (_, i) => ({
            userId: `naive-${run}-${batch * BATCH + i}`,
            uuid: randomUUID(),
            nodeUuid: randomUUID(),
            email: `naive-${run}-${batch * BATCH + i}@example.com`,
            firstName: "Ada",
            lastName: "Smith",
          })),
        }),
      );
    };
    const timings = await compare({ warmups: 1, repetitions: REPETITIONS, ours, baseline });
    const perSecond = (ms: number) => Math.round((users * 1000) / ms);
    return {
      id: "import",
      title: `Bulk import of ${users.toLocaleString("en")} users without threads`,
      ours: { method: "npm run import's importFile: validation, user node and summary, counters, search text", ...timings.ours, statements: 0 },
      baseline: { method: `UNWIND CREATE of the same nodes, ${BATCH} per transaction, ${CONCURRENCY} at a time`, ...timings.baseline, statements: 0 },
      ratio: ratio(timings.baseline.medianMs, timings.ours.medianMs),
      throughput: { unit: "users/s", ours: perSecond(timings.ours.medianMs), baseline: perSecond(timings.baseline.medianMs) },
      notes: ["after one untimed run of each side", "statements are not counted here: the import's are batched, 3 per 1,000 users"],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
