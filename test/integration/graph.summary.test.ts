import { type TestApp, startTestApp } from "../support/testApp";
import {
  DELETE_FACT,
  DELETE_THREAD,
  EPISODES,
  FACT,
  INVALIDATE,
  NODE,
  addFact,
  addGraphUser,
  addMessages,
  createThread,
  nodeSummary,
  tick,
  userSummary,
} from "../support/graph";

// Every entity node's summary is derived from its currently valid facts, newest first, within 1,000
// characters cut at a sentence end, and recomputed by every write that changes those facts: a deleted
// or invalidated fact never remains in any summary.

describe("graph node summaries", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("the user node's summary takes a fact in the same call that adds it, and drops it when the fact is invalidated", async () => {
    const jane = await addGraphUser(t, "gs-invalidate");
    const fact = await addFact(t, jane.userId, {
      sourceNodeName: jane.email,
      targetNodeName: "Acme",
      fact: "Jane Roe works at Acme as a welder",
      factName: "WORKS_AT",
    });
    // The mutation's own answer already shows both summaries: they follow in the same write.
    expect(fact.source.summary).toContain("Jane Roe works at Acme as a welder");
    expect(fact.target.summary).toContain("Jane Roe works at Acme as a welder");
    expect(await userSummary(t, jane.userId)).toContain("Jane Roe works at Acme as a welder");

    const invalidated = await t.execute(INVALIDATE, { id: fact.uuid, invalidAt: "2026-02-01T00:00:00.000Z" });
    expect(invalidated.errors).toBeUndefined();
    expect(invalidated.data?.invalidateFact.source.summary).not.toContain("as a welder");
    expect(await userSummary(t, jane.userId)).not.toContain("as a welder");
    expect(await nodeSummary(t, fact.targetNodeUuid)).not.toContain("as a welder");
  });

  it("drops a deleted fact from the summaries of both its nodes", async () => {
    const jane = await addGraphUser(t, "gs-delete");
    const kept = await addFact(t, jane.userId, { sourceNodeName: "Jane Roe", targetNodeName: "Acme", fact: "Jane Roe works at Acme.", factName: "WORKS_AT" });
    const gone = await addFact(t, jane.userId, { sourceNodeName: "Jane Roe", targetNodeName: "Acme", fact: "Jane Roe sues Acme.", factName: "SUES" });
    expect(await nodeSummary(t, kept.targetNodeUuid)).toContain("Jane Roe sues Acme");
    expect((await t.execute(DELETE_FACT, { id: gone.uuid })).errors).toBeUndefined();
    const user = await userSummary(t, jane.userId);
    expect(user).not.toContain("sues Acme");
    expect(user).toContain("Jane Roe works at Acme");
    expect(await nodeSummary(t, kept.targetNodeUuid)).not.toContain("sues Acme");
  });

  it("never takes a fact that was added already ended", async () => {
    const jane = await addGraphUser(t, "gs-ended");
    const ended = await addFact(t, jane.userId, {
      sourceNodeName: "Jane Roe",
      targetNodeName: "Oldco",
      fact: "Jane Roe worked at Oldco",
      factName: "WORKED_AT",
      validAt: "2019-01-01T00:00:00.000Z",
      invalidAt: "2020-01-01T00:00:00.000Z",
    });
    expect(await userSummary(t, jane.userId)).not.toContain("worked at Oldco");
    expect(await nodeSummary(t, ended.targetNodeUuid)).not.toContain("worked at Oldco");
  });

  it("deleteThread forgets the facts only the thread's episodes support, their nodes, and the thread's episodes; a fact another episode supports stays", async () => {
    const jane = await addGraphUser(t, "gs-thread");
    const threadId = await createThread(t, jane.userId);
    await addMessages(t, threadId, ["I took up the cello.", "Nice!"]);
    const onlyThread = await addFact(t, jane.userId, {
      sourceNodeName: "Jane Roe",
      targetNodeName: "Cello",
      fact: "Jane Roe plays the cello",
      factName: "PLAYS",
      threadId,
    });
    const input = { sourceNodeName: "Jane Roe", targetNodeName: "Acme", fact: "Jane Roe works at Acme", factName: "WORKS_AT" };
    const shared = await addFact(t, jane.userId, { ...input, threadId });
    const again = await addFact(t, jane.userId, input);
    expect(again.uuid).toBe(shared.uuid);
    expect(again.episodes).toHaveLength(2);
    const outside = again.episodes.find((uuid: string) => uuid !== shared.episodes[0]);
    const before = await userSummary(t, jane.userId);
    expect(before).toContain("Jane Roe plays the cello");
    expect(before).toContain("Jane Roe works at Acme");

    const deleted = await t.execute(DELETE_THREAD, { id: threadId });
    expect(deleted.errors).toBeUndefined();

    const after = await userSummary(t, jane.userId);
    expect(after).not.toContain("plays the cello");
    expect(after).toContain("Jane Roe works at Acme");
    expect((await t.execute(FACT, { id: onlyThread.uuid })).data?.fact).toBeNull();
    expect((await t.execute(NODE, { id: onlyThread.targetNodeUuid })).data?.entityNode).toBeNull();
    expect((await t.execute(FACT, { id: shared.uuid })).data?.fact).toMatchObject({ uuid: shared.uuid, episodes: [outside] });
    expect(await nodeSummary(t, jane.nodeUuid)).toBe(after);

    const episodes = await t.execute(EPISODES, { u: jane.userId, last: 50 });
    expect(episodes.data?.user.episodes.map((e: any) => e.uuid)).toEqual([outside]);
    const [left] = await t.cypher(`MATCH (e:Episodic {groupId: $g}) RETURN count(e) AS n, collect(e.uuid) AS uuids`, { g: jane.uuid });
    expect(left).toEqual({ n: 1, uuids: [outside] });
    const [userNode] = await t.cypher(`MATCH (:User {uuid: $u})-[:HAS_NODE]->(n:Entity) RETURN n.uuid AS uuid`, { u: jane.uuid });
    expect(userNode?.uuid).toBe(jane.nodeUuid);
  });

  it("keeps a summary within 1,000 characters, newest facts first, cut after a whole sentence, even with 60 long facts", async () => {
    const jane = await addGraphUser(t, "gs-long");
    const facts: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      const marker = `marker${String(i).padStart(2, "0")}`;
      const fact = `Jane Roe keeps ${marker} notes about a long and winding story that goes on for quite a while, told over many evenings by the fire, with digressions on weather, tea, trains and old friends.`;
      facts.push(fact);
      await addFact(t, jane.userId, { sourceNodeName: "Jane Roe", targetNodeName: `Story ${i}`, fact, factName: "KEEPS" });
      await tick();
    }
    const summary = await userSummary(t, jane.userId);
    expect(summary.length).toBeLessThanOrEqual(1000);
    expect(summary.endsWith(".")).toBe(true);
    expect(summary).toContain(facts[59]);
    expect(summary).not.toContain("marker00");
    expect(summary.indexOf("marker59")).toBeLessThan(summary.indexOf("marker58"));
    // A fact is either whole in the summary or absent: the cut falls between sentences.
    for (const [i, fact] of facts.entries()) {
      if (summary.includes(`marker${String(i).padStart(2, "0")}`)) expect(summary).toContain(fact);
    }
  });

  it("puts a node summary given with the triple into that node's summary", async () => {
    const jane = await addGraphUser(t, "gs-given");
    const fact = await addFact(t, jane.userId, {
      sourceNodeName: "Acme",
      targetNodeName: "Berlin",
      fact: "Acme is based in Berlin.",
      factName: "BASED_IN",
      sourceNodeSummary: "Acme is a maker of anvils and rocket skates.",
      targetNodeSummary: "Berlin is the capital of Germany.",
    });
    expect(await nodeSummary(t, fact.sourceNodeUuid)).toContain("Acme is a maker of anvils and rocket skates.");
    expect(await nodeSummary(t, fact.targetNodeUuid)).toContain("Berlin is the capital of Germany.");
    expect(await nodeSummary(t, fact.targetNodeUuid)).toContain("Acme is based in Berlin");
  });
});
