// Scenario 3: writing messages. The service takes 30 messages per addMessages call in one statement; 200
// calls go to 10 threads, 4 at a time. The baseline writes the same 6,000 messages the naive way, one
// CREATE statement per message, each its own transaction, also 4 at a time, on 10 threads of its own.
import { randomUUID } from "node:crypto";
import type { BenchApp } from "../benchApp";
import { inPool } from "../pool";
import type { ScenarioResult } from "../report";
import { addMessages, addUser, createThreads, message } from "../seed";
import { measureSides } from "./common";

const THREADS = 10;
const PER_CALL = 30;
const CALLS = 200;
const CONCURRENCY = 4;
const MESSAGES = PER_CALL * CALLS;
const WARMUP_CALLS = 20;
const REPETITIONS = 3;

// What message.add does for one message: the thread's sequence number, its updatedAt, the message.
const BASELINE_CREATE = `
MATCH (t:Thread {projectId: $projectId, threadId: $threadId})
SET t.nextSeq = t.nextSeq + 1, t.updatedAt = datetime.truncate('millisecond', datetime())
CREATE (t)-[:HAS_MESSAGE]->(:Message {
  projectId: t.projectId, groupId: t.groupId, uuid: $uuid, seq: t.nextSeq - 1,
  role: $role, content: $content, createdAt: datetime.truncate('millisecond', datetime())
})`;

const COUNT_MESSAGES = `
MATCH (t:Thread {projectId: $projectId})-[:HAS_MESSAGE]->(m:Message)
WHERE t.threadId IN $threadIds
RETURN count(m) AS n`;

export async function addMessagesThroughput(app: BenchApp): Promise<ScenarioResult> {
  await addUser(app, "writes-ours");
  await addUser(app, "writes-naive");
  const oursThreads = await createThreads(app, "writes-ours", THREADS);
  const naiveThreads = await createThreads(app, "writes-naive", THREADS);
  const ours = (calls: number) => () =>
    inPool(calls, CONCURRENCY, (call) => {
      const threadId = oursThreads[call % THREADS]!;
      return addMessages(app, threadId, Array.from({ length: PER_CALL }, (_, i) => message(threadId, call * PER_CALL + i)));
    });
  const naive = (calls: number) => () =>
    inPool(calls * PER_CALL, CONCURRENCY, (index) => {
      const threadId = naiveThreads[Math.floor(index / PER_CALL) % THREADS]!;
      const { role, content } = message(threadId, index);
      return app.baseline.write(BASELINE_CREATE, { projectId: app.projectId, threadId, uuid: randomUUID(), role, content });
    });

  // A shorter warm-up than a full run: a full naive run is the slowest part of the benchmark.
  await ours(WARMUP_CALLS)();
  await naive(WARMUP_CALLS)();
  const sides = await measureSides(app, {
    warmups: 0,
    repetitions: REPETITIONS,
    ours: { method: `addMessages, ${PER_CALL} messages per call, ${CALLS} calls, ${CONCURRENCY} at a time`, run: ours(CALLS) },
    baseline: { method: `one CREATE per message, each its own transaction, ${CONCURRENCY} at a time`, run: naive(CALLS) },
  });
  const expected = (WARMUP_CALLS + REPETITIONS * CALLS) * PER_CALL;
  await expectMessages(app, "ours", oursThreads, expected);
  await expectMessages(app, "baseline", naiveThreads, expected);
  return {
    id: "add-messages",
    title: `3. addMessages ${MESSAGES} msgs (${CALLS}×${PER_CALL}, ${CONCURRENCY} at once)`,
    ...sides,
    throughput: {
      unit: "messages/s",
      ours: MESSAGES / (sides.ours.medianMs / 1000),
      baseline: MESSAGES / (sides.baseline.medianMs / 1000),
    },
    notes: extraWork(sides.ours.byQuery ?? {}),
  };
}

// What the statement counts tell beyond the time: work the naive baseline does not do (the service's graph
// features), and transactions the driver had to run again (more message.add statements than calls).
function extraWork(byQuery: Record<string, number>): string[] {
  const notes: string[] = [];
  const extra = Object.keys(byQuery).filter((query) => query !== "message.add");
  if (extra.length > 0) notes.push(`ours also runs ${extra.join(", ")} per call: work the baseline does not do`);
  const retried = (byQuery["message.add"] ?? 0) - CALLS;
  if (retried > 0) {
    notes.push(
      `ours sent ${retried.toFixed(1)} more message.add statements than calls per run (on average): transactions the driver retried ` +
        `(transient errors such as deadlocks between concurrent calls)`,
    );
  }
  return notes;
}

async function expectMessages(app: BenchApp, side: string, threadIds: string[], expected: number): Promise<void> {
  const [row] = await app.baseline.read(COUNT_MESSAGES, { projectId: app.projectId, threadIds });
  if (row?.n !== expected) throw new Error(`${side} should have written ${expected} messages; the threads hold ${String(row?.n)}`);
}
