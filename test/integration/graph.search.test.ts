import { type TestApp, errorCodes, startTestApp } from "../support/testApp";
import { type GraphUser, addData, addFact, addGraphUser } from "../support/graph";

// searchGraph: full-text search of one user's graph (facts, nodes or episodes), optionally reranked by the
// distance in the graph from a centre node. The query is plain text: search syntax in it is not an error.

const SEARCH = `query($u: ID!, $q: String!, $s: GraphSearchScope, $l: Int, $c: ID) {
  searchGraph(userId: $u, query: $q, scope: $s, limit: $l, centerNodeUuid: $c) {
    edges { uuid fact score } nodes { uuid name summary } episodes { uuid content } } }`;

describe("searchGraph", () => {
  let t: TestApp;
  let jane: GraphUser;
  let neighbour: GraphUser;
  const facts: Record<string, any> = {};

  beforeAll(async () => {
    t = await startTestApp();
    jane = await addGraphUser(t, "gq-jane");
    neighbour = await addGraphUser(t, "gq-neighbour");
    facts.works = await addFact(t, jane.userId, { sourceNodeName: "Jane Roe", targetNodeName: "Acme", fact: "Jane Roe works at Acme.", factName: "WORKS_AT" });
    facts.lives = await addFact(t, jane.userId, { sourceNodeName: "Jane Roe", targetNodeName: "Lisbon", fact: "Jane Roe lives in Lisbon.", factName: "LIVES_IN" });
    facts.neighbourLives = await addFact(t, neighbour.userId, {
      sourceNodeName: "Jane Roe",
      targetNodeName: "Lisbon",
      fact: "Jane Roe lives in Lisbon.",
      factName: "LIVES_IN",
    });
    for (let i = 0; i < 3; i += 1) {
      await addFact(t, jane.userId, { sourceNodeName: "Jane Roe", targetNodeName: `Guitar ${i}`, fact: `Jane Roe owns guitar ${i}.`, factName: "OWNS" });
    }
  });
  afterAll(() => t.close());

  const search = (vars: Record<string, unknown>) => t.execute(SEARCH, { u: jane.userId, ...vars });

  it("finds a fact by one word of it, with a score, and only facts for scope EDGES", async () => {
    const result = await search({ q: "Lisbon" });
    expect(result.errors).toBeUndefined();
    const { edges, nodes, episodes } = result.data!.searchGraph;
    expect(edges.map((e: any) => e.uuid)).toEqual([facts.lives.uuid]);
    expect(edges[0].score).toEqual(expect.any(Number));
    expect(edges[0].score).toBeGreaterThan(0);
    expect(nodes).toEqual([]);
    expect(episodes).toEqual([]);
  });

  it("searches only the user's own graph", async () => {
    const janes = await search({ q: "lives Lisbon", l: 50 });
    expect(janes.data?.searchGraph.edges.map((e: any) => e.uuid)).not.toContain(facts.neighbourLives.uuid);
    const theirs = await t.execute(SEARCH, { u: neighbour.userId, q: "lives Lisbon guitar Acme", l: 50 });
    expect(theirs.data?.searchGraph.edges.map((e: any) => e.uuid)).toEqual([facts.neighbourLives.uuid]);
  });

  it("answers NOT_FOUND for an unknown user, and for a center node outside the user's graph", async () => {
    expect(errorCodes(await t.execute(SEARCH, { u: "nobody-at-all", q: "Lisbon" }))).toEqual(["NOT_FOUND"]);
    const [theirNode] = await t.cypher(
      `MATCH (u:User {projectId: $p, userId: $id})-[:HAS_NODE]->(n) RETURN n.uuid AS uuid`,
      { p: t.projectId, id: neighbour.userId },
    );
    expect(errorCodes(await search({ q: "Lisbon", c: theirNode?.uuid }))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await search({ q: "   " }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("returns at most limit results, and refuses a limit of 0 or 51 with BAD_USER_INPUT", async () => {
    expect((await search({ q: "guitar", l: 1 })).data?.searchGraph.edges).toHaveLength(1);
    expect((await search({ q: "guitar", l: 2 })).data?.searchGraph.edges).toHaveLength(2);
    expect((await search({ q: "guitar", l: 50 })).data?.searchGraph.edges).toHaveLength(3);
    expect(errorCodes(await search({ q: "guitar", l: 0 }))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await search({ q: "guitar", l: 51 }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("scope NODES finds nodes by name and by summary", async () => {
    const given = await addFact(t, jane.userId, {
      sourceNodeName: "Jane Roe",
      targetNodeName: "Blue Heron Bakery",
      fact: "Jane Roe buys bread at the bakery.",
      factName: "BUYS_AT",
      targetNodeSummary: "A sourdough specialist near the harbour.",
    });
    const byName = await search({ q: "Acme", s: "NODES" });
    expect(byName.errors).toBeUndefined();
    expect(byName.data?.searchGraph.nodes.map((n: any) => n.name)).toContain("Acme");
    expect(byName.data?.searchGraph.edges).toEqual([]);
    const bySummary = await search({ q: "sourdough", s: "NODES" });
    expect(bySummary.data?.searchGraph.nodes.map((n: any) => n.uuid)).toEqual([given.targetNodeUuid]);
    const elsewhere = await t.execute(SEARCH, { u: neighbour.userId, q: "sourdough", s: "NODES" });
    expect(elsewhere.data?.searchGraph.nodes).toEqual([]);
  });

  it("scope EPISODES finds episodes by content", async () => {
    const episode = await addData(t, jane.userId, { type: "TEXT", data: "The quarterly report mentions marmalade shipments." });
    const result = await search({ q: "marmalade", s: "EPISODES" });
    expect(result.errors).toBeUndefined();
    expect(result.data?.searchGraph.episodes.map((e: any) => e.uuid)).toEqual([episode.uuid]);
    expect(result.data?.searchGraph.edges).toEqual([]);
    expect(result.data?.searchGraph.nodes).toEqual([]);
  });

  it("with centerNodeUuid, reranks facts by their distance from the centre node, against the full-text order", async () => {
    const chain = await addGraphUser(t, "gq-chain");
    const add = (source: string, target: string, fact: string) =>
      addFact(t, chain.userId, { sourceNodeName: source, targetNodeName: target, fact, factName: "LINKS" });
    // One mention of the word in a long sentence near the centre; many in a short one far away.
    const near = await add("Alpha", "Bravo", "Alpha and Bravo once shared a quince tree in the garden behind the old mill by the river.");
    const middle = await add("Bravo", "Charlie", "Bravo quince Charlie.");
    const far = await add("Charlie", "Delta", "quince quince quince quince.");
    const fullText = await t.execute(SEARCH, { u: chain.userId, q: "quince" });
    expect(fullText.data?.searchGraph.edges[0].uuid).toBe(far.uuid);

    const centred = await t.execute(SEARCH, { u: chain.userId, q: "quince", c: near.sourceNodeUuid });
    expect(centred.errors).toBeUndefined();
    const edges = centred.data?.searchGraph.edges;
    expect(edges.map((e: any) => e.uuid)).toEqual([near.uuid, middle.uuid, far.uuid]);
    expect(edges[0].score).toBeGreaterThan(edges[1].score);
    expect(edges[1].score).toBeGreaterThan(edges[2].score);
  });

  it.each(["name:(x OR", '"', "*", "AND", "OR NOT", "\\", "a~ b^2 [x TO y} ?", "Lisbon AND (", '"Lisbon'])(
    "treats the query %p as text: no error in any scope",
    async (q) => {
      for (const s of ["EDGES", "NODES", "EPISODES"]) {
        const result = await search({ q, s });
        expect(result.errors).toBeUndefined();
        expect(result.data?.searchGraph).toEqual(expect.objectContaining({ edges: expect.any(Array) }));
      }
    },
  );

  it("finds the words around search syntax", async () => {
    const result = await search({ q: "Lisbon AND (" });
    expect(result.data?.searchGraph.edges.map((e: any) => e.uuid)).toContain(facts.lives.uuid);
  });
});
