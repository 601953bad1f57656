import { randomUUID } from "node:crypto";
import type { StatementName } from "../../src/db/statements";
import { type PlanOperator, explain, seeksAnIndex, unboundedReads } from "../support/plans";
import { type TestApp, startTestApp } from "../support/testApp";

// The ingestion worker's reads, through their plans: finding ready users, claiming a user's next episode and
// reading what the extractor is shown seek indexes and stop at their limits, whatever the number of users,
// episodes or facts; the queue's depth comes from the count store.

const STATEMENTS: [StatementName, Record<string, unknown>][] = [
  ["ingest.ready-users", { limit: 8 }],
  ["ingest.ready-users-in-projects", { projectIds: ["a", "b"], limit: 8 }],
  ["ingest.claim", { ownerId: "4:00000000-0000-0000-0000-000000000000:1", owner: "w", token: randomUUID(), leaseMs: 60_000 }],
  [
    "ingest.inputs",
    { projectId: "p", groupId: randomUUID(), episodeUuid: randomUUID(), token: randomUUID(), previousLimit: 4, candidateLimit: 30, factsPerNode: 100, factLimit: 300 },
  ],
];

function operators(plan: PlanOperator): string[] {
  return [plan.operatorType.replace(/@.*$/, ""), ...plan.children.flatMap(operators)];
}

describe("the plans of the ingestion queue's reads", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(STATEMENTS)("%s seeks an index and reads no more than its limits", async (name, params) => {
    const plan = await explain(t, name, params);
    expect(unboundedReads(plan)).toEqual([]);
    expect(seeksAnIndex(plan)).toBe(true);
  });

  it("ingest.queue-depth reads the count store, not the queued episodes", async () => {
    const plan = await explain(t, "ingest.queue-depth", {});
    expect(operators(plan)).toContain("NodeCountFromCountStore");
    expect(unboundedReads(plan)).toEqual([]);
  });
});
