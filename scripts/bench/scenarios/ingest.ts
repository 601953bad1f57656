// Scenario "ingest": the ingestion pipeline with the embedded extractor. Writers add user messages one per
// addMessages call, as fast as each call is acknowledged, each writer to a user of its own, at 1 and at 8
// writers at once; the app's worker processes them (INGEST_CONCURRENCY 4, the default). Reported: episodes per
// second from the first write to the last episode processed, and the latency of each message from its
// addMessages transaction (queuedAt) to the end of its processing (processedAt), both read from Neo4j's own
// clock. Writers are not paced: the latency includes the wait in the queue behind the user's earlier
// messages, which is what a burst costs. Nothing naive does this work, so there is no baseline.
import { type BenchApp, removeProjectData, startBenchApp } from "../benchApp";
import { median, round2 } from "../measure";
import { inPool } from "../pool";
import { progress } from "../progress";
import type { ScenarioResult } from "../report";
import { addMessages, createThreads } from "../seed";
import { difference } from "./common";

/** Messages per phase, spread evenly over its writers. */
const MESSAGES = 200;
const WRITER_COUNTS = [1, 8] as const;
const CONCURRENCY = 4;
const POLL_MS = 50;
/** Polls before a phase counts as stuck: far beyond what the pipeline needs, a bound rather than a timing. */
const MAX_POLLS = 12_000;

const LINES = [
  "I moved to Berlin last month and I now work at Acme as a data engineer.",
  "My invoice for November is wrong, can you check it?",
  "I prefer email over phone calls, and my manager is Tom Becker.",
  "I moved to Paris.",
  "Please send the report to Sarah Connor at Globex in Munich.",
  "My phone number is +49 30 1234567.",
];

const ADD_USER = `mutation($input: AddUserInput!) { addUser(input: $input) { uuid } }`;

export async function ingestThroughput(main: BenchApp): Promise<ScenarioResult[]> {
  const app = await startBenchApp(main.target, { ingest: { ...ingestSettings(), concurrency: CONCURRENCY } });
  try {
    const results: ScenarioResult[] = [];
    for (const writers of WRITER_COUNTS) results.push(await phase(app, writers));
    return results;
  } finally {
    if (app.target.kind === "external") await removeProjectData(app);
    await app.close();
  }
}

async function phase(app: BenchApp, writers: number): Promise<ScenarioResult> {
  const perWriter = MESSAGES / writers;
  const userIds = Array.from({ length: writers }, (_, i) => `ingest-w${writers}-${i}`);
  const groupIds = await Promise.all(
    userIds.map(async (userId, i) => {
      const input = { userId, email: `${userId}@example.com`, firstName: "Jane", lastName: `Writer${i}` };
      return (await app.execute<{ addUser: { uuid: string } }>(ADD_USER, { input })).addUser.uuid;
    }),
  );
  const threads = await Promise.all(userIds.map(async (userId) => (await createThreads(app, userId, 1))[0]!));
  progress(`  ingest: ${writers} writer(s), ${MESSAGES} messages`);
  const before = await app.statements();
  const started = Date.now();
  await inPool(writers, writers, async (writer) => {
    for (let i = 0; i < perWriter; i += 1) {
      await addMessages(app, threads[writer]!, [{ role: "USER", content: LINES[i % LINES.length]! }]);
    }
  });
  const writeSeconds = (Date.now() - started) / 1000;
  await drained(app, groupIds);
  const statements = difference(await app.statements(), before);
  const rows = await app.baseline.read(
    `MATCH (e:Episodic) WHERE e.projectId = $projectId AND e.groupId IN $groupIds
     RETURN e.queuedAt.epochMillis AS queuedAt, e.processedAt.epochMillis AS processedAt, e.ingestState AS state`,
    { projectId: app.projectId, groupIds },
  );
  const latencies = rows.map((row) => Number(row.processedAt) - Number(row.queuedAt));
  const failed = rows.filter((row) => row.state !== "DONE").length;
  const first = Math.min(...rows.map((row) => Number(row.queuedAt)));
  const last = Math.max(...rows.map((row) => Number(row.processedAt)));
  const episodesPerSecond = rows.length / ((last - first) / 1000);
  const p95 = percentile(latencies, 0.95);
  const byQuery = Object.fromEntries(Object.entries(statements.byQuery).map(([query, n]) => [query, round2(n / rows.length)]));
  return {
    id: `ingest-${writers}`,
    title: `ingest: ${MESSAGES} messages, ${writers} writer${writers === 1 ? "" : "s"}, embedded extractor`,
    ours: {
      method: `addMessages one message per call, ${writers} writer(s) unpaced; latency = processedAt - queuedAt per episode`,
      medianMs: median(latencies),
      samplesMs: [round2(p95)],
      statements: round2(statements.total / rows.length),
      byQuery,
    },
    baseline: null,
    ratio: null,
    throughput: { unit: "episodes/s", ours: round2(episodesPerSecond), baseline: null },
    notes: [
      `latency addMessages -> processed: median ${median(latencies).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`,
      `writes took ${writeSeconds.toFixed(1)} s (${(rows.length / writeSeconds).toFixed(1)} messages/s acknowledged); statements per episode include the writes'`,
      ...(failed > 0 ? [`${failed} episode(s) did not end DONE`] : []),
    ],
  };
}

function ingestSettings() {
  return { pollMs: 200, leaseMs: 60_000, maxAttempts: 4, retryBaseMs: 1000, extractTimeoutMs: 120_000, drainMs: 10_000 };
}

async function drained(app: BenchApp, groupIds: string[]): Promise<void> {
  for (let poll = 0; poll < MAX_POLLS; poll += 1) {
    const [row] = await app.baseline.read(`MATCH (e:Pending) WHERE e.projectId = $projectId AND e.groupId IN $groupIds RETURN count(e) AS n`, {
      projectId: app.projectId,
      groupIds,
    });
    if (row?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the ingestion queue did not drain after ${MAX_POLLS} polls`);
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}
