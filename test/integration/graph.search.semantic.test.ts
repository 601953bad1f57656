import { applyVectorIndexes } from "../../src/db/embeddings";
import { GraphReads } from "../../src/db/graphReads";
import { embedAndStore } from "../../src/ingest/embedAndStore";
import { type GraphUser, addData, addFact, addGraphUser } from "../support/graph";
import { embeddingsConfigFor } from "../support/modelConfigs";
import { type OpenAiStandIn, bagOfWordsVector, startOpenAiStandIn } from "../support/openAiStandIn";
import { type TestApp, startTestApp } from "../support/testApp";

// searchGraph with embeddings configured: vectors of facts, nodes and episodes in Neo4j's vector indexes,
// fused with full text by reciprocal rank. The stand-in's vectors are bags of words in which "employer" and
// "job" count as "work", so a query can find a fact that shares no word with it.

const SEARCH = `query($u: ID!, $q: String!, $s: GraphSearchScope, $l: Int, $c: ID) {
  searchGraph(userId: $u, query: $q, scope: $s, limit: $l, centerNodeUuid: $c) {
    edges { uuid fact score } nodes { uuid name } episodes { uuid content } } }`;

const RRF_FIRST = 1 / 61;

describe("searchGraph with embeddings", () => {
  let standIn: OpenAiStandIn;
  let t: TestApp;
  let jane: GraphUser;
  let works: any;
  let guitar: any;
  let theirs: any;
  let former: any;
  let episode: any;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    standIn = await startOpenAiStandIn({ aliases: { employer: "work", job: "work" }, directionless: ["Acme?"] });
    // Low enough for the two-word query below to reach both facts it shares a word with.
    const embeddings = embeddingsConfigFor(standIn, { apiKey: null, timeoutMs: 5000, maxAttempts: 2, batchSize: 4, minSimilarity: 0.25 });
    t = await startTestApp({ models: { embeddings } });
    jane = await addGraphUser(t, "sem-jane");
    const neighbour = await addGraphUser(t, "sem-neighbour");
    works = await addFact(t, jane.userId, { sourceNodeName: "Jane Roe", targetNodeName: "Acme", fact: "Jane Roe works at Acme.", factName: "WORKS_AT" });
    guitar = await addFact(t, jane.userId, { sourceNodeName: "Jane Roe", targetNodeName: "Red guitar", fact: "Jane Roe owns a red guitar.", factName: "OWNS" });
    former = await addFact(t, jane.userId, {
      sourceNodeName: "Jane Roe",
      targetNodeName: "Globex",
      fact: "Jane Roe left Globex.",
      factName: "LEFT",
      targetNodeSummary: "Her former employer.",
    });
    theirs = await addFact(t, neighbour.userId, { sourceNodeName: "Jane Roe", targetNodeName: "Acme", fact: "Jane Roe works at Acme.", factName: "WORKS_AT" });
    episode = await addData(t, jane.userId, { type: "TEXT", data: "Started a new job at the bakery." });

    const counts = await embedAndStore(
      t.app.db,
      t.projectId,
      t.app.models.embedder!,
      {
        facts: [works.uuid, guitar.uuid, former.uuid, theirs.uuid, "no-such-fact"],
        nodes: [former.targetNodeUuid, works.targetNodeUuid],
        episodes: [episode.uuid],
      },
      signal,
    );
    expect(counts).toEqual({ facts: 4, nodes: 2, episodes: 1 });
  });

  afterAll(async () => {
    await t.close();
    await standIn.close();
  });

  const search = (vars: Record<string, unknown>) => t.execute(SEARCH, { u: jane.userId, ...vars });

  it("stores each embedding on its fact, node or episode, in batches", async () => {
    const [row] = await t.cypher(`MATCH ()-[f:RELATES_TO {uuid: $uuid}]->() RETURN size(f.embedding) AS size`, { uuid: works.uuid });
    expect(row?.size).toBe(128);
    const [node] = await t.cypher(`MATCH (n:Entity {uuid: $uuid}) RETURN size(n.embedding) AS size`, { uuid: former.targetNodeUuid });
    expect(node?.size).toBe(128);
    // 7 texts in batches of 4.
    expect(standIn.embeddingRequests().slice(0, 2).map((request) => request.body.input.length)).toEqual([4, 3]);
  });

  it("finds a fact by meaning when it shares no word with the query, and only in the user's own graph", async () => {
    const result = await search({ q: "employer" });
    expect(result.errors).toBeUndefined();
    expect(result.data?.searchGraph.edges).toEqual([{ uuid: works.uuid, fact: "Jane Roe works at Acme.", score: RRF_FIRST }]);
  });

  it("ranks a fact both halves find above one that only one half finds", async () => {
    const result = await search({ q: "guitar employer" });
    expect(result.data?.searchGraph.edges.map((edge: any) => edge.uuid)).toEqual([guitar.uuid, works.uuid]);
    const [first, second] = result.data?.searchGraph.edges ?? [];
    expect(first.score).toBeGreaterThan(second.score);
  });

  it("finds nodes by their summary's meaning, and episodes by their content's", async () => {
    const nodes = await search({ q: "job", s: "NODES" });
    // Globex by its description ("Her former employer."), Acme by its summary ("Jane Roe works at Acme.").
    expect(nodes.data?.searchGraph.nodes.map((node: any) => node.uuid).sort()).toEqual([former.targetNodeUuid, works.targetNodeUuid].sort());
    const episodes = await search({ q: "employer", s: "EPISODES" });
    expect(episodes.data?.searchGraph.episodes.map((found: any) => found.uuid)).toEqual([episode.uuid]);
  });

  it("keeps the centre-node rerank: a vector hit next to the centre scores 1 / (1 + 0 hops)", async () => {
    const result = await search({ q: "employer", c: jane.nodeUuid });
    expect(result.data?.searchGraph.edges).toEqual([{ uuid: works.uuid, fact: "Jane Roe works at Acme.", score: 1 }]);
  });

  it("searches by full text alone when the embeddings model fails", async () => {
    standIn.failEmbeddings({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const byWord = await search({ q: "Acme" });
    expect(byWord.errors).toBeUndefined();
    expect(byWord.data?.searchGraph.edges.map((edge: any) => edge.uuid)).toEqual([works.uuid]);
    const byMeaning = await search({ q: "employer" });
    expect(byMeaning.data?.searchGraph.edges).toEqual([]);
  });

  it("searches by full text alone when the query's vector has no direction", async () => {
    const result = await search({ q: "Acme?" });
    expect(result.errors).toBeUndefined();
    expect(result.data?.searchGraph.edges.map((edge: any) => edge.uuid)).toEqual([works.uuid]);
    expect(result.data?.searchGraph.edges[0].score).not.toBe(RRF_FIRST);
  });

  describe("a user's graph among many others' in the global vector indexes", () => {
    const reads = () => new GraphReads(t.app.db, t.projectId);
    const vectorOf = (text: string) => bagOfWordsVector(text, 128, { employer: "work", job: "work" });
    const options = { minScore: (1 + 0.25) / 2, limit: 10 };

    beforeAll(async () => {
      // Another user's facts, each nearer to "employer" (a "work" twice) than any "works at" fact below:
      // more of them than the index is asked for when a search keeps one.
      const crowd = await addGraphUser(t, "sem-crowd");
      const facts: any[] = [];
      for (let i = 0; i < 30; i += 1) {
        facts.push(await addFact(t, crowd.userId, { sourceNodeName: "Crowd", targetNodeName: `Desk ${i}`, fact: `Work, work ${i}.`, factName: "DOES" }));
      }
      const stored = await embedAndStore(t.app.db, t.projectId, t.app.models.embedder!, { facts: facts.map((fact) => fact.uuid), nodes: [], episodes: [] }, signal);
      expect(stored.facts).toBe(30);
    });

    it("finds the user's fact by meaning though the index's nearest are all another user's", async () => {
      const result = await search({ q: "employer", l: 1 });
      expect(result.errors).toBeUndefined();
      expect(result.data?.searchGraph.edges.map((edge: any) => edge.uuid)).toEqual([works.uuid]);
      // Read from the index alone, the k nearest of the whole database hold none of Jane's facts.
      const fromIndex = await reads().similarFacts(jane.uuid, vectorOf("employer"), { ...options, k: 10, exactMax: 0 });
      expect(fromIndex).toEqual([]);
    });

    it("scores a larger graph's newest items one by one and adds what the index finds of the older", async () => {
      const big = await addGraphUser(t, "sem-big");
      const older = await addFact(t, big.userId, { sourceNodeName: "Sam", targetNodeName: "Hooli", fact: "Sam works at Hooli.", factName: "WORKS_AT" });
      const newer = await addFact(t, big.userId, { sourceNodeName: "Sam", targetNodeName: "Initech", fact: "Sam works at Initech.", factName: "WORKS_AT" });
      const newest = await addFact(t, big.userId, { sourceNodeName: "Sam", targetNodeName: "Bike", fact: "Sam rides a bike.", factName: "RIDES" });
      const facts = [older, newer, newest].map((fact) => fact.uuid);
      expect((await embedAndStore(t.app.db, t.projectId, t.app.models.embedder!, { facts, nodes: [], episodes: [] }, signal)).facts).toBe(3);
      const found = async (k: number) => (await reads().similarFacts(big.uuid, vectorOf("employer"), { ...options, k, exactMax: 2 })).map((fact) => fact.uuid);
      // The two newest are scored whatever the index holds; the older one only when the index's k reach it.
      expect(await found(10)).toEqual([newer.uuid]);
      expect((await found(1000)).sort()).toEqual([older.uuid, newer.uuid].sort());
    });

    it("finds by item what the index finds when its k covers the database, for facts, nodes and episodes", async () => {
      const vector = vectorOf("employer job");
      const byIndex = { ...options, k: 1000, exactMax: 0 };
      const byItem = { ...options, k: 1000, exactMax: 2000 };
      // Either way every hit is scored by its exact cosine, not by the index's quantized one.
      const expectAlike = (exact: { uuid: string; score: number | null }[], indexed: { uuid: string; score: number | null }[]) => {
        expect(exact.map((found) => found.uuid)).toEqual(indexed.map((found) => found.uuid));
        exact.forEach((found, i) => expect(found.score).toBeCloseTo(indexed[i]?.score ?? Number.NaN, 6));
      };
      const facts = await reads().similarFacts(jane.uuid, vector, byItem);
      expect(facts.map((fact) => fact.uuid)).toEqual([works.uuid]);
      expectAlike(facts, await reads().similarFacts(jane.uuid, vector, byIndex));
      // The score is the exact cosine on the index's scale, (1 + cosine) / 2.
      const [stored] = await t.cypher(`MATCH ()-[f:RELATES_TO {uuid: $uuid}]->() RETURN f.embedding AS embedding`, { uuid: works.uuid });
      const embedding: number[] = stored?.embedding;
      const dot = embedding.reduce((sum, x, i) => sum + x * (vector[i] ?? 0), 0);
      expect(facts[0]?.score).toBeCloseTo((1 + dot / (Math.hypot(...embedding) * Math.hypot(...vector))) / 2, 5);
      const nodes = await reads().similarNodes(jane.uuid, vector, byItem);
      expect(nodes.map((node) => node.uuid).sort()).toEqual([former.targetNodeUuid, works.targetNodeUuid].sort());
      expectAlike(nodes, await reads().similarNodes(jane.uuid, vector, byIndex));
      const episodes = await reads().similarEpisodes(jane.uuid, vector, byItem);
      expect(episodes.map((found) => found.uuid)).toEqual([episode.uuid]);
      expectAlike(episodes, await reads().similarEpisodes(jane.uuid, vector, byIndex));
    });
  });

  it("without embeddings configured, the same graph is searched by full text only, as before", async () => {
    const plain = await startTestApp({ projectId: t.projectId });
    try {
      const byMeaning = await plain.execute(SEARCH, { u: jane.userId, q: "employer" });
      expect(byMeaning.errors).toBeUndefined();
      expect(byMeaning.data?.searchGraph.edges).toEqual([]);
      const byWord = await plain.execute(SEARCH, { u: jane.userId, q: "Acme" });
      expect(byWord.data?.searchGraph.edges.map((edge: any) => edge.uuid)).toEqual([works.uuid]);
      expect(byWord.data?.searchGraph.edges[0].score).not.toBe(RRF_FIRST);
    } finally {
      await plain.close();
    }
  });

  it("reports vector indexes made with other dimensions than configured, since IF NOT EXISTS keeps them as made", async () => {
    expect(await applyVectorIndexes(t.app.db, null)).toEqual([]);
    const mismatched = await applyVectorIndexes(t.app.db, 64);
    expect(mismatched.map((index) => index.name).sort()).toEqual(["entity_embedding", "episodic_embedding", "fact_embedding"]);
    expect(mismatched.every((index) => index.dimensions === null)).toBe(true);
  });
});
