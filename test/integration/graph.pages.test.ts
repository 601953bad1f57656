import { EPISODES, INVALIDATE, type GraphUser, addFact, addGraphUser } from "../support/graph";
import { newestFirst, walkForward } from "../support/pages";
import { type TestApp, startTestApp } from "../support/testApp";
import { serveForZep } from "../support/zep";

// Pages of a user's graph through both doors, read whole, against the order computed here from what Neo4j
// holds: a node's facts (valid ones, or all), the user's nodes and facts, the latest episodes. Items that
// share an instant exercise the uuid tie-break.

const NODE_FACTS = `query($id: ID!, $first: Int, $after: String, $all: Boolean) { entityNode(uuid: $id) {
  facts(first: $first, after: $after, includeInvalid: $all) {
    edges { cursor node { uuid } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
const GRAPH_NODES = `query($u: ID!, $first: Int, $after: String) { user(userId: $u) { graphNodes(first: $first, after: $after) {
  edges { cursor node { uuid } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;

interface Stored {
  uuid: string;
  createdAt: number;
}

type StoredFact = Stored & { invalidAt: number | null; expiredAt: number | null };

const newest = <T extends Stored>(items: readonly T[]): string[] => newestFirst(items, (item) => item.createdAt, (item) => item.uuid).map((item) => item.uuid);
const holds = (fact: StoredFact): boolean => fact.expiredAt === null && (fact.invalidAt === null || fact.invalidAt > Date.now());
const uuids = (items: readonly { uuid: string }[]): string[] => items.map((item) => item.uuid);

describe("pages of a user's graph", () => {
  let t: TestApp;
  let base: string;
  let jane: GraphUser;
  let thing5: string;
  const SAME_INSTANT = "2026-01-01T00:00:00.000Z";


  async function post(path: string, body: Record<string, unknown>): Promise<{ items: { uuid: string }[]; next: string | null }> {
    const response = await fetch(`${base}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    return { items: (await response.json()) as { uuid: string }[], next: response.headers.get("Zep-Next-Cursor") };
  }

  /** A Zep list read whole: `limit` a page, each next page from the Zep-Next-Cursor header. */
  async function zepList(path: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page = await post(path, cursor === null ? { limit } : { limit, cursor });
      seen.push(...uuids(page.items));
      if (page.next === null) return seen;
      expect(page.items).toHaveLength(limit);
      cursor = page.next;
    }
  }

  async function storedFacts(where: string, params: Record<string, unknown>): Promise<StoredFact[]> {
    return t.cypher<StoredFact>(
      `MATCH ${where} RETURN DISTINCT f.uuid AS uuid, f.createdAt.epochMillis AS createdAt,
         f.invalidAt.epochMillis AS invalidAt, f.expiredAt.epochMillis AS expiredAt`,
      params,
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    ({ base } = await serveForZep(t));
    jane = await addGraphUser(t, "gp");
    const facts: Record<string, string> = {};
    for (let i = 0; i < 10; i += 1) {
      facts[`uses ${i}`] = (await addFact(t, jane.userId, { sourceNodeName: jane.fullName, targetNodeName: `Thing ${i}`, fact: `Jane uses Thing ${i}.`, factName: "USES" })).uuid;
    }
    await addFact(t, jane.userId, { sourceNodeName: "Thing 1", targetNodeName: "Thing 2", fact: "Thing 1 feeds Thing 2.", factName: "FEEDS" });
    const loop = await addFact(t, jane.userId, { sourceNodeName: "Thing 5", targetNodeName: "Thing 5", fact: "Thing 5 feeds itself.", factName: "FEEDS" });
    thing5 = loop.sourceNodeUuid;
    await addFact(t, jane.userId, { sourceNodeName: "Thing 5", targetNodeName: "Thing 6", fact: "Thing 5 beats Thing 6.", factName: "BEATS" });
    await addFact(t, jane.userId, { sourceNodeName: jane.fullName, targetNodeName: "Thing 8", fact: "Jane used Thing 8.", factName: "USED", invalidAt: "2020-01-01T00:00:00.000Z" });
    await addFact(t, jane.userId, { sourceNodeName: jane.fullName, targetNodeName: "Thing 9", fact: "Jane rents Thing 9.", factName: "RENTS", invalidAt: "2999-01-01T00:00:00.000Z" });
    for (const id of [facts["uses 3"], facts["uses 6"], loop.uuid]) await t.data(INVALIDATE, { id, at: null });
    // Ties: facts, nodes and episodes made in one instant.
    await t.cypher(
      `MATCH ()-[f:RELATES_TO {projectId: $p}]->() WHERE f.uuid IN $ids SET f.createdAt = datetime($at)
       WITH count(*) AS _
       MATCH (n:Entity {projectId: $p, groupId: $g}) WHERE n.name IN ['Thing 1', 'Thing 2', 'Thing 4', 'Thing 7'] SET n.createdAt = datetime($at)
       WITH count(*) AS _
       MATCH (e:Episodic {projectId: $p, groupId: $g}) WHERE e.content IN ['Jane uses Thing 1.', 'Jane uses Thing 2.', 'Thing 1 feeds Thing 2.'] SET e.createdAt = datetime($at)`,
      { p: t.projectId, g: jane.uuid, ids: [facts["uses 1"], facts["uses 2"], facts["uses 4"], facts["uses 7"]], at: SAME_INSTANT },
    );
  }, 120_000);
  afterAll(() => t.close());

  it.each([
    ["the user node", false, 2],
    ["the user node", true, 3],
    ["a node with a fact to itself", false, 1],
    ["a node with a fact to itself", true, 2],
  ] as const)("EntityNode.facts of %s (includeInvalid %s), %i a page, reads newest first, and counts them", async (which, all, size) => {
    const uuid = which === "the user node" ? jane.nodeUuid : thing5;
    const stored = await storedFacts(`(:Entity {uuid: $n})-[f:RELATES_TO]-()`, { n: uuid });
    const expected = newest(all ? stored : stored.filter(holds));
    expect(expected.length).toBeGreaterThan(size);
    const read = await walkForward<{ uuid: string }>(size, async (after) => (await t.data(NODE_FACTS, { id: uuid, first: size, after, all })).entityNode.facts);
    expect(uuids(read)).toEqual(expected);
    const counted = await t.data(`query($id: ID!, $all: Boolean) { entityNode(uuid: $id) { facts(first: 1, includeInvalid: $all) { totalCount } } }`, { id: uuid, all });
    expect(counted.entityNode.facts.totalCount).toBe(expected.length);
  });

  it("Zep's node edges list every fact of the node, invalid ones included, newest first", async () => {
    const expected = newest(await storedFacts(`(:Entity {uuid: $n})-[f:RELATES_TO]-()`, { n: jane.nodeUuid }));
    const response = await fetch(`${base}/graph/node/${jane.nodeUuid}/entity-edges`);
    expect(uuids((await response.json()) as { uuid: string }[])).toEqual(expected);
  });

  it("User.graphNodes and Zep's node list read the user's nodes newest first, by cursor and by uuid cursor", async () => {
    const stored = await t.cypher<Stored>(`MATCH (n:Entity {projectId: $p, groupId: $g}) RETURN n.uuid AS uuid, n.createdAt.epochMillis AS createdAt`, {
      p: t.projectId,
      g: jane.uuid,
    });
    const expected = newest(stored);
    const read = await walkForward<{ uuid: string }>(4, async (after) => (await t.data(GRAPH_NODES, { u: jane.userId, first: 4, after })).user.graphNodes);
    expect(uuids(read)).toEqual(expected);
    expect(await zepList(`/graph/node/user/${jane.userId}`, 3)).toEqual(expected);
    const fromUuid = await post(`/graph/node/user/${jane.userId}`, { limit: 3, uuid_cursor: expected[4] });
    expect(uuids(fromUuid.items)).toEqual(expected.slice(5, 8));
  });

  it("Zep's edge list reads every fact of the user's graph newest first, invalid ones included", async () => {
    const expected = newest(await storedFacts(`()-[f:RELATES_TO {projectId: $p, groupId: $g}]->()`, { p: t.projectId, g: jane.uuid }));
    expect(expected).toHaveLength(15);
    expect(await zepList(`/graph/edge/user/${jane.userId}`, 4)).toEqual(expected);
    const fromUuid = await post(`/graph/edge/user/${jane.userId}`, { limit: 4, uuid_cursor: expected[1] });
    expect(uuids(fromUuid.items)).toEqual(expected.slice(2, 6));
  });

  it.each([1, 5, 100])("User.episodes and Zep's episodes lastn give the latest %i, newest first", async (last) => {
    const stored = await t.cypher<Stored>(`MATCH (e:Episodic {projectId: $p, groupId: $g}) RETURN e.uuid AS uuid, e.createdAt.epochMillis AS createdAt`, {
      p: t.projectId,
      g: jane.uuid,
    });
    const expected = newest(stored).slice(0, last);
    expect(uuids((await t.data(EPISODES, { u: jane.userId, last })).user.episodes)).toEqual(expected);
    const response = await fetch(`${base}/graph/episodes/user/${jane.userId}?lastn=${last}`);
    expect(uuids(((await response.json()) as { episodes: { uuid: string }[] }).episodes)).toEqual(expected);
  });
});
