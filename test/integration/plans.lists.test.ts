import type { StatementName } from "../../src/db/statements";
import { fullTextQuery } from "../../src/domain/graph/searchQuery";
import { type PlanOperator, explain, profileDbHits, seeksAnIndex, unboundedReads } from "../support/plans";
import { type TestApp, startTestApp } from "../support/testApp";
import { type SeededWorld, seedWorld } from "../support/worlds";

// Every statement that lists or pages threads, messages or a user's graph, read through its plan: it seeks
// an index, scans no label or index, and no data-sized stream reaches a sort, an aggregation or the client
// without a Limit first. Then the same pages profiled over a world ten times larger, and the statements a
// page sends when no one asks for its total.

const FEW = 30;
const MANY = 300;
const LIMIT = 21;

/** A place in a list: the key of its fifth item, so that a page from it is full in either world. */
interface Cursor {
  createdAt: string;
  id: string;
}

interface World extends SeededWorld {
  newestThread: Cursor;
  oldestThread: Cursor;
  newestFact: Cursor;
  newestNode: Cursor;
}

type Params = (world: World, projectId: string) => Record<string, unknown>;

const ORDERS = ["CREATED_AT", "UPDATED_AT", "USER_ID", "THREAD_ID"].flatMap((orderBy) => [true, false].map((asc) => ({ orderBy, asc })));

/** The per-parent pages: each is planned, and profiled in both worlds. */
const PAGES: [StatementName, string, Params][] = [
  ["thread.page-by-users-forward", "first page", (w) => ({ userUuids: [w.uuid], limit: LIMIT })],
  ["thread.page-by-users-forward-after", "after a cursor", (w) => ({ userUuids: [w.uuid], limit: LIMIT, afterCreatedAt: w.newestThread.createdAt, afterThreadId: w.newestThread.id })],
  ["thread.page-by-users-backward", "last page", (w) => ({ userUuids: [w.uuid], limit: LIMIT })],
  ["thread.page-by-users-backward-before", "before a cursor", (w) => ({ userUuids: [w.uuid], limit: LIMIT, beforeCreatedAt: w.oldestThread.createdAt, beforeThreadId: w.oldestThread.id })],
  ["message.page-by-threads-forward", "first page", (w) => ({ threadUuids: [w.thread.uuid], limit: LIMIT, afterSeq: null })],
  ["message.page-by-threads-forward", "after a cursor", (w) => ({ threadUuids: [w.thread.uuid], limit: LIMIT, afterSeq: 4 })],
  ["message.page-by-threads-backward", "last page", (w) => ({ threadUuids: [w.thread.uuid], limit: LIMIT, beforeSeq: null })],
  ["message.page-by-threads-backward", "before a cursor", (w) => ({ threadUuids: [w.thread.uuid], limit: LIMIT, beforeSeq: w.threadIds.length - 5 })],
  ["fact.page-by-nodes", "valid facts", (w) => ({ nodeUuids: [w.nodeUuid], limit: LIMIT, includeInvalid: false })],
  ["fact.page-by-nodes", "all facts", (w) => ({ nodeUuids: [w.nodeUuid], limit: LIMIT, includeInvalid: true })],
  ["fact.page-by-nodes-after", "after a cursor", (w) => ({ nodeUuids: [w.nodeUuid], limit: LIMIT, includeInvalid: false, afterCreatedAt: w.newestFact.createdAt, afterUuid: w.newestFact.id })],
  ["fact.page-by-users", "first page", (w) => ({ userUuids: [w.uuid], limit: LIMIT })],
  ["fact.page-by-users-after", "after a cursor", (w) => ({ userUuids: [w.uuid], limit: LIMIT, afterCreatedAt: w.newestFact.createdAt, afterUuid: w.newestFact.id })],
  ["entity.page-by-users", "first page", (w) => ({ userUuids: [w.uuid], limit: LIMIT })],
  ["entity.page-by-users-after", "after a cursor", (w) => ({ userUuids: [w.uuid], limit: LIMIT, afterCreatedAt: w.newestNode.createdAt, afterUuid: w.newestNode.id })],
  ["episode.latest-by-users", "latest", (w) => ({ userUuids: [w.uuid], limit: 10 })],
  ["context.thread-inputs", "last two messages", (w) => ({ threadUuids: [w.thread.uuid] })],
  ["context.facts", "newest facts", (w) => ({ requests: [{ groupId: w.uuid, query: null, limit: 10 }], newestLimit: 10 })],
];

/** Planned only: a numbered page of the project, and the full-text searches (Lucene ranks within its own limit). */
const OTHER_LISTS: [StatementName, string, Params][] = [
  ...ORDERS.map(({ orderBy, asc }): [StatementName, string, Params] => [
    "thread.list-ordered",
    `${orderBy} ${asc ? "ascending" : "descending"}`,
    () => ({ orderBy, asc, skip: 40, limit: 10 }),
  ]),
  ["search.facts", "edges", (w) => ({ groupId: w.uuid, query: fullTextQuery("thing", w.uuid, ["fact", "name"]), limit: 10 })],
  ["search.nodes", "nodes", (w) => ({ groupId: w.uuid, query: fullTextQuery("thing", w.uuid, ["name", "summary"]), limit: 10 })],
  ["search.episodes", "episodes", (w) => ({ groupId: w.uuid, query: fullTextQuery("thing", w.uuid, ["content"]), limit: 10 })],
  ["context.facts", "relevant facts", (w) => ({ requests: [{ groupId: w.uuid, query: fullTextQuery("thing", w.uuid, ["fact", "name"]), limit: 10 }], newestLimit: 10 })],
  // A user's exactMax newest items scored one by one, and for a larger graph the global vector index's k nearest too.
  ...(["search.similar-facts", "search.similar-nodes", "search.similar-episodes"] as const).map((name): [StatementName, string, Params] => [
    name,
    "by meaning",
    (w) => ({ groupId: w.uuid, vector: [1, 0, 0], k: 100, minScore: 0.5, limit: 10, exactMax: 2000 }),
  ]),
];

/** Batch lookups and counts: they scan nothing, and the counts by degree visit no relationship. */
const LOOKUPS: [StatementName, Params][] = [
  ["thread.get-by-ids", (w) => ({ threadIds: w.threadIds.slice(0, 3) })],
  ["thread.count-by-user-uuids", (w) => ({ userUuids: [w.uuid] })],
  ["entity.count-by-users", (w) => ({ userUuids: [w.uuid] })],
  ["fact.count-by-nodes", (w) => ({ nodeUuids: [w.nodeUuid], includeInvalid: true })],
  ["fact.count-by-nodes", (w) => ({ nodeUuids: [w.nodeUuid], includeInvalid: false })],
  ["counter.sum", () => ({ name: "threads" })],
];

describe("the plans of the list statements", () => {
  let t: TestApp;
  let few: World;
  let many: World;

  async function keyAt(statement: string, params: Record<string, unknown>): Promise<Cursor> {
    const [row] = await t.cypher<{ createdAt: number; id: string }>(statement, { p: t.projectId, ...params });
    if (!row) throw new Error("no item to take a cursor from");
    return { createdAt: new Date(row.createdAt).toISOString(), id: row.id };
  }

  async function seed(label: string, size: number): Promise<World> {
    const world = await seedWorld(t, label, size);
    const threads = `MATCH (t:Thread {projectId: $p, groupId: $g}) RETURN t.createdAt.epochMillis AS createdAt, t.threadId AS id`;
    return {
      ...world,
      newestThread: await keyAt(`${threads} ORDER BY createdAt DESC, id DESC SKIP 4 LIMIT 1`, { g: world.uuid }),
      oldestThread: await keyAt(`${threads} ORDER BY createdAt ASC, id ASC SKIP 4 LIMIT 1`, { g: world.uuid }),
      newestFact: await keyAt(
        `MATCH (:Entity {uuid: $n})-[f:RELATES_TO]-() RETURN f.createdAt.epochMillis AS createdAt, f.uuid AS id ORDER BY createdAt DESC, id DESC SKIP 4 LIMIT 1`,
        { n: world.nodeUuid },
      ),
      newestNode: await keyAt(
        `MATCH (n:Entity {projectId: $p, groupId: $g}) RETURN n.createdAt.epochMillis AS createdAt, n.uuid AS id ORDER BY createdAt DESC, id DESC SKIP 4 LIMIT 1`,
        { g: world.uuid },
      ),
    };
  }

  beforeAll(async () => {
    t = await startTestApp();
    few = await seed("plan-few", FEW);
    many = await seed("plan-many", MANY);
  }, 300_000);
  afterAll(() => t.close());

  const plan = (name: StatementName, params: Params): Promise<PlanOperator> => explain(t, name, { projectId: t.projectId, ...params(many, t.projectId) });

  it.each([...PAGES, ...OTHER_LISTS])("%s (%s) seeks an index and reads no more than its page", async (name, _case, params) => {
    const planned = await plan(name, params);
    expect(unboundedReads(planned)).toEqual([]);
    expect(seeksAnIndex(planned)).toBe(true);
  });

  it.each(LOOKUPS)("%s scans nothing", async (name, params) => {
    const planned = await plan(name, params);
    expect(unboundedReads(planned).filter((problem) => /reads everything stored/.test(problem))).toEqual([]);
    expect(seeksAnIndex(planned)).toBe(true);
  });

  it("counts threads by degree, and facts by degree unless only valid ones are asked for", async () => {
    const text = (operator: PlanOperator): string => [String(operator.arguments.Details ?? ""), ...operator.children.map(text)].join("\n");
    expect(text(await plan("thread.count-by-user-uuids", LOOKUPS[1]?.[1] as Params))).toMatch(/getDegree\(\(u\)-\[:HAS_THREAD\]->\(\)\)/);
    expect(text(await plan("fact.count-by-nodes", LOOKUPS[3]?.[1] as Params))).toMatch(/getDegree\(\(n\)-\[:RELATES_TO\]-\(\)\)/);
  });

  it("the plan reading sees a sort over a user's whole list, and a label scan", async () => {
    const sorted = await t.driver.executeQuery(
      `EXPLAIN MATCH (t:Thread {projectId: $p, groupId: $g}) RETURN t ORDER BY t.createdAt DESC LIMIT 10`,
      { p: t.projectId, g: many.uuid },
    );
    expect(unboundedReads(sorted.summary.plan as unknown as PlanOperator).join("\n")).toMatch(/^Top reads all rows of NodeIndexSeek/);
    const scanned = await t.driver.executeQuery(`EXPLAIN MATCH (t:Thread) WHERE t.title = $title RETURN t LIMIT 10`, { title: "x" });
    expect(unboundedReads(scanned.summary.plan as unknown as PlanOperator).join("\n")).toMatch(/NodeByLabelScan reads everything stored/);
  });

  it.each(PAGES)("%s (%s) costs the same db hits for a world of 300 as for one of 30", async (name, _case, params) => {
    const run = (world: World): Promise<number> => profileDbHits(t, name, { projectId: t.projectId, ...params(world, t.projectId) });
    const small = await run(few);
    const large = await run(many);
    expect(large).toBeLessThanOrEqual(small + 5);
  });
});
