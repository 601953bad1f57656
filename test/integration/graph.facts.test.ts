import { type TestApp, errorCodes, startTestApp } from "../support/testApp";
import {
  ADD_FACT,
  DELETE_FACT,
  EPISODES,
  FACT,
  INVALIDATE,
  NODE,
  addData,
  addFact,
  addGraphUser,
  createThread,
  graphCounts,
  tick,
} from "../support/graph";

// addFactTriple, EntityNode.facts, invalidateFact, deleteFact, entityNode and fact: the facts of a
// user's graph as graphiti stores them, (:Entity)-[:RELATES_TO]->(:Entity) under the user's groupId.

const NODE_FACTS = `query($id: ID!, $first: Int, $after: String, $all: Boolean) { entityNode(uuid: $id) {
  facts(first: $first, after: $after, includeInvalid: $all) {
    totalCount edges { cursor node { uuid fact } } pageInfo { hasNextPage endCursor } } } }`;

const triple = (target: string, fact: string, factName = "RELATES") => ({ sourceNodeName: "Jane Roe", targetNodeName: target, fact, factName });

describe("graph facts", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("addFactTriple creates both nodes, the fact and a FACT_TRIPLE episode the fact cites, all in the user's group", async () => {
    const jane = await addGraphUser(t, "gf-create");
    const fact = await addFact(t, jane.userId, {
      sourceNodeName: "Acme",
      targetNodeName: "Berlin",
      fact: "Acme is based in Berlin.",
      factName: "BASED_IN",
      validAt: "2026-01-01T00:00:00.000Z",
    });
    expect(fact).toMatchObject({
      name: "BASED_IN",
      fact: "Acme is based in Berlin.",
      validAt: "2026-01-01T00:00:00.000Z",
      invalidAt: null,
      expiredAt: null,
      source: { name: "Acme", labels: ["Entity"] },
      target: { name: "Berlin", labels: ["Entity"] },
    });
    expect(fact.sourceNodeUuid).toBe(fact.source.uuid);
    expect(fact.targetNodeUuid).toBe(fact.target.uuid);
    expect(fact.episodes).toHaveLength(1);

    const [stored] = await t.cypher(
      `MATCH (s:Entity {uuid: $s})-[r:RELATES_TO {uuid: $f}]->(o:Entity {uuid: $o})
       MATCH (e:Episodic {uuid: $e})
       RETURN [s.projectId, o.projectId, r.projectId, e.projectId] AS projects, [s.groupId, o.groupId, r.groupId, e.groupId] AS groups`,
      { s: fact.sourceNodeUuid, o: fact.targetNodeUuid, f: fact.uuid, e: fact.episodes[0] },
    );
    expect(stored).toEqual({ projects: Array(4).fill(t.projectId), groups: Array(4).fill(jane.uuid) });
    expect(await graphCounts(t, jane.uuid)).toMatchObject({ entities: 3, facts: 1 });

    const episodes = await t.execute(EPISODES, { u: jane.userId, last: 10 });
    const episode = episodes.data?.user.episodes.find((e: any) => e.uuid === fact.episodes[0]);
    expect(episode).toMatchObject({ source: "FACT_TRIPLE", threadId: null });
    const read = await t.execute(FACT, { id: fact.uuid });
    expect(read.data?.fact).toMatchObject({ uuid: fact.uuid, fact: "Acme is based in Berlin.", episodes: fact.episodes });
  });

  it.each([
    ["works at", "WORKS_AT"],
    ["worksAt", "WORKS_AT"],
    ["WORKS_AT", "WORKS_AT"],
  ])("addFactTriple stores the factName %p as %p", async (factName, stored) => {
    const jane = await addGraphUser(t, "gf-name");
    const fact = await addFact(t, jane.userId, triple("Acme", "Jane Roe works at Acme.", factName));
    expect(fact.name).toBe(stored);
    const [row] = await t.cypher(`MATCH ()-[r:RELATES_TO {uuid: $f}]->() RETURN r.name AS name`, { f: fact.uuid });
    expect(row?.name).toBe(stored);
  });

  it("addFactTriple reuses an entity whose name is equal after trimming and ignoring case", async () => {
    const jane = await addGraphUser(t, "gf-reuse");
    const first = await addFact(t, jane.userId, triple("Acme Corp", "Jane Roe works at Acme Corp.", "WORKS_AT"));
    const second = await addFact(t, jane.userId, {
      sourceNodeName: "  aCME corp ",
      targetNodeName: "Berlin",
      fact: "Acme Corp is based in Berlin.",
      factName: "BASED_IN",
    });
    expect(second.sourceNodeUuid).toBe(first.targetNodeUuid);
    const [row] = await t.cypher(`MATCH (n:Entity {groupId: $g}) WHERE toLower(n.name) CONTAINS 'acme' RETURN count(n) AS n`, { g: jane.uuid });
    expect(row?.n).toBe(1);
    expect(await graphCounts(t, jane.uuid)).toMatchObject({ entities: 3, facts: 2 });
  });

  it.each([
    ["the userId", (u: { userId: string }) => u.userId],
    ["the email", (u: { email: string }) => u.email],
    ["the email in capitals, padded", (u: { email: string }) => `  ${u.email.toUpperCase()} `],
    ["the full name", () => "Jane Roe"],
    ["the full name in lower case", () => "jane roe"],
  ])("addFactTriple resolves %s to the user node", async (_label, name) => {
    const jane = await addGraphUser(t, "gf-self");
    const fact = await addFact(t, jane.userId, { sourceNodeName: name(jane), targetNodeName: "Acme", fact: "She works at Acme.", factName: "WORKS_AT" });
    expect(fact.sourceNodeUuid).toBe(jane.nodeUuid);
    expect(fact.source.labels).toEqual(["Entity", "User"]);
    const [row] = await t.cypher(
      `MATCH (:User {uuid: $u})-[:HAS_NODE]->(n:Entity)-[r:RELATES_TO {uuid: $f}]->() RETURN count(r) AS n`,
      { u: jane.uuid, f: fact.uuid },
    );
    expect(row?.n).toBe(1);
    expect(await graphCounts(t, jane.uuid)).toMatchObject({ entities: 2, facts: 1 });
  });

  it("keeps each user's graph apart: another user's entity of the same name, or their email, is never reused", async () => {
    const jane = await addGraphUser(t, "gf-apart-a");
    const bob = await addGraphUser(t, "gf-apart-b", { firstName: "Bob", lastName: "Poe" });
    const bobsAcme = await addFact(t, bob.userId, { ...triple("Acme", "Bob Poe works at Acme.", "WORKS_AT"), sourceNodeName: bob.fullName });
    const janesAcme = await addFact(t, jane.userId, triple("Acme", "Jane Roe works at Acme.", "WORKS_AT"));
    expect(janesAcme.targetNodeUuid).not.toBe(bobsAcme.targetNodeUuid);
    const aboutBob = await addFact(t, jane.userId, triple(bob.email, "Jane Roe knows Bob.", "KNOWS"));
    expect(aboutBob.targetNodeUuid).not.toBe(bob.nodeUuid);
    const rows = await t.cypher(`MATCH (n:Entity) WHERE n.uuid IN $ids RETURN n.uuid AS uuid, n.groupId AS groupId`, {
      ids: [janesAcme.targetNodeUuid, bobsAcme.targetNodeUuid, aboutBob.targetNodeUuid],
    });
    expect(Object.fromEntries(rows.map((r) => [r.uuid, r.groupId]))).toEqual({
      [janesAcme.targetNodeUuid]: jane.uuid,
      [bobsAcme.targetNodeUuid]: bob.uuid,
      [aboutBob.targetNodeUuid]: jane.uuid,
    });
    const [crossing] = await t.cypher(
      `MATCH (a:Entity)-[r:RELATES_TO]-(b:Entity) WHERE a.groupId IN [$j, $b] AND (a.groupId <> b.groupId OR r.groupId <> a.groupId) RETURN count(r) AS n`,
      { j: jane.uuid, b: bob.uuid },
    );
    expect(crossing?.n).toBe(0);
  });

  it("adding the same triple again cites a second episode on the same fact", async () => {
    const jane = await addGraphUser(t, "gf-dedup");
    const input = triple("Acme", "Jane Roe works at Acme.", "WORKS_AT");
    const first = await addFact(t, jane.userId, input);
    const second = await addFact(t, jane.userId, input);
    expect(second.uuid).toBe(first.uuid);
    expect(second.episodes).toHaveLength(2);
    expect(second.episodes).toContain(first.episodes[0]);
    expect(await graphCounts(t, jane.uuid)).toMatchObject({ entities: 2, facts: 1 });
  });

  describe("addFactTriple refuses bad input with BAD_USER_INPUT and writes nothing", () => {
    const valid = { sourceNodeName: "Jane Roe", targetNodeName: "Acme", fact: "Jane Roe works at Acme.", factName: "WORKS_AT" };
    it.each([
      ["sourceNodeName", "s".repeat(50), "s".repeat(51)],
      ["targetNodeName", "t".repeat(50), "t".repeat(51)],
      ["fact", "f".repeat(250), "f".repeat(251)],
      ["factName", "n".repeat(50), "n".repeat(51)],
      ["sourceNodeSummary", "d".repeat(500), "d".repeat(501)],
      ["targetNodeSummary", "d".repeat(500), "d".repeat(501)],
    ])("%s: takes the longest allowed and refuses one character more", async (field, longest, tooLong) => {
      const jane = await addGraphUser(t, "gf-limit");
      const refused = await t.execute(ADD_FACT, { u: jane.userId, input: { ...valid, [field]: tooLong } });
      expect(errorCodes(refused)).toEqual(["BAD_USER_INPUT"]);
      expect(await graphCounts(t, jane.uuid)).toEqual({ entities: 1, facts: 0, episodes: 0 });
      const taken = await t.execute(ADD_FACT, { u: jane.userId, input: { ...valid, [field]: longest } });
      expect(taken.errors).toBeUndefined();
      expect(await graphCounts(t, jane.uuid)).toMatchObject({ facts: 1 });
    });

    it("refuses invalidAt before validAt, and takes them equal", async () => {
      const jane = await addGraphUser(t, "gf-dates");
      const refused = await t.execute(ADD_FACT, {
        u: jane.userId,
        input: { ...valid, validAt: "2026-01-02T00:00:00.000Z", invalidAt: "2026-01-01T23:59:59.999Z" },
      });
      expect(errorCodes(refused)).toEqual(["BAD_USER_INPUT"]);
      expect(await graphCounts(t, jane.uuid)).toEqual({ entities: 1, facts: 0, episodes: 0 });
      const same = await t.execute(ADD_FACT, {
        u: jane.userId,
        input: { ...valid, validAt: "2026-01-02T00:00:00.000Z", invalidAt: "2026-01-02T00:00:00.000Z" },
      });
      expect(same.errors).toBeUndefined();
      expect(same.data?.addFactTriple).toMatchObject({ validAt: "2026-01-02T00:00:00.000Z", invalidAt: "2026-01-02T00:00:00.000Z" });
    });
  });

  it("addFactTriple fails with NOT_FOUND for an unknown user, writing nothing", async () => {
    const result = await t.execute(ADD_FACT, {
      u: "no-such-user",
      input: { sourceNodeName: "Ghost Source", targetNodeName: "Ghost Target", fact: "Ghosts exist.", factName: "IS" },
    });
    expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
    const [row] = await t.cypher(`MATCH (n:Entity {projectId: $p}) WHERE n.name STARTS WITH 'Ghost' RETURN count(n) AS n`, { p: t.projectId });
    expect(row?.n).toBe(0);
  });

  it("addFactTriple with threadId records it on the episode, and fails with NOT_FOUND for another user's or an unknown thread", async () => {
    const jane = await addGraphUser(t, "gf-thread-a");
    const bob = await addGraphUser(t, "gf-thread-b");
    const janesThread = await createThread(t, jane.userId);
    const bobsThread = await createThread(t, bob.userId);
    const input = triple("Acme", "Jane Roe works at Acme.", "WORKS_AT");
    for (const threadId of [bobsThread, "no-such-thread"]) {
      const refused = await t.execute(ADD_FACT, { u: jane.userId, input: { ...input, threadId } });
      expect(errorCodes(refused)).toEqual(["NOT_FOUND"]);
    }
    expect(await graphCounts(t, jane.uuid)).toEqual({ entities: 1, facts: 0, episodes: 0 });
    expect(await graphCounts(t, bob.uuid)).toEqual({ entities: 1, facts: 0, episodes: 0 });

    const fact = await addFact(t, jane.userId, { ...input, threadId: janesThread });
    const episodes = await t.execute(EPISODES, { u: jane.userId, last: 10 });
    expect(episodes.data?.user.episodes.find((e: any) => e.uuid === fact.episodes[0])).toMatchObject({
      source: "FACT_TRIPLE",
      threadId: janesThread,
    });
  });

  it("EntityNode.facts lists the facts where the node is source or target, newest first, valid ones unless includeInvalid", async () => {
    const jane = await addGraphUser(t, "gf-node-facts");
    const works = await addFact(t, jane.userId, triple("Acme", "Jane Roe works at Acme.", "WORKS_AT"));
    await tick();
    const mentors = await addFact(t, jane.userId, { sourceNodeName: "Bob", targetNodeName: "Jane Roe", fact: "Bob mentors Jane Roe.", factName: "MENTORS" });
    await tick();
    await addFact(t, jane.userId, { sourceNodeName: "Acme", targetNodeName: "Berlin", fact: "Acme is based in Berlin.", factName: "BASED_IN" });
    await tick();
    const ended = await addFact(t, jane.userId, {
      ...triple("Oldco", "Jane Roe worked at Oldco.", "WORKED_AT"),
      validAt: "2020-01-01T00:00:00.000Z",
      invalidAt: "2021-01-01T00:00:00.000Z",
    });
    await tick();
    const dropped = await addFact(t, jane.userId, triple("Kayak", "Jane Roe owns a kayak.", "OWNS"));
    expect((await t.execute(INVALIDATE, { id: dropped.uuid })).errors).toBeUndefined();

    const valid = await t.execute(NODE_FACTS, { id: jane.nodeUuid });
    expect(valid.data?.entityNode.facts.edges.map((e: any) => e.node.uuid)).toEqual([mentors.uuid, works.uuid]);
    expect(valid.data?.entityNode.facts.totalCount).toBe(2);
    const all = await t.execute(NODE_FACTS, { id: jane.nodeUuid, all: true });
    expect(all.data?.entityNode.facts.edges.map((e: any) => e.node.uuid)).toEqual([dropped.uuid, ended.uuid, mentors.uuid, works.uuid]);
    expect(all.data?.entityNode.facts.totalCount).toBe(4);

    const page1 = await t.execute(NODE_FACTS, { id: jane.nodeUuid, all: true, first: 3 });
    expect(page1.data?.entityNode.facts.pageInfo.hasNextPage).toBe(true);
    const page2 = await t.execute(NODE_FACTS, { id: jane.nodeUuid, all: true, first: 3, after: page1.data?.entityNode.facts.pageInfo.endCursor });
    expect(page2.data?.entityNode.facts.edges.map((e: any) => e.node.uuid)).toEqual([works.uuid]);
    expect(page2.data?.entityNode.facts.pageInfo.hasNextPage).toBe(false);
  });

  it("User.graphNodes lists the user's nodes, the user node included, newest first, with totalCount and cursors", async () => {
    const jane = await addGraphUser(t, "gf-nodes");
    const bob = await addGraphUser(t, "gf-nodes-other", { firstName: "Bob", lastName: "Poe" });
    await addFact(t, bob.userId, { ...triple("Elsewhere", "Bob Poe is elsewhere.", "IS"), sourceNodeName: bob.userId });
    for (const name of ["First", "Second", "Third"]) {
      await tick();
      await addFact(t, jane.userId, triple(name, `Jane Roe likes ${name}.`, "LIKES"));
    }
    const query = `query($u: ID!, $first: Int, $after: String) { user(userId: $u) { graphNodes(first: $first, after: $after) {
      totalCount edges { node { name labels } } pageInfo { hasNextPage endCursor } } } }`;
    const page1 = await t.execute(query, { u: jane.userId, first: 2 });
    expect(page1.data?.user.graphNodes.totalCount).toBe(4);
    expect(page1.data?.user.graphNodes.edges.map((e: any) => e.node.name)).toEqual(["Third", "Second"]);
    const page2 = await t.execute(query, { u: jane.userId, first: 2, after: page1.data?.user.graphNodes.pageInfo.endCursor });
    expect(page2.data?.user.graphNodes.edges.map((e: any) => e.node)).toEqual([
      { name: "First", labels: ["Entity"] },
      { name: "Jane Roe", labels: ["Entity", "User"] },
    ]);
    expect(page2.data?.user.graphNodes.pageInfo.hasNextPage).toBe(false);
  });

  it("invalidateFact sets invalidAt (as given, else now) and expiredAt, and fails with NOT_FOUND for an unknown uuid", async () => {
    const jane = await addGraphUser(t, "gf-invalidate");
    const given = await addFact(t, jane.userId, triple("Acme", "Jane Roe works at Acme.", "WORKS_AT"));
    const now = await addFact(t, jane.userId, triple("Kayak", "Jane Roe owns a kayak.", "OWNS"));

    const atGiven = await t.execute(INVALIDATE, { id: given.uuid, at: "2026-03-01T12:00:00.000Z" });
    expect(atGiven.errors).toBeUndefined();
    expect(atGiven.data?.invalidateFact).toMatchObject({ uuid: given.uuid, invalidAt: "2026-03-01T12:00:00.000Z" });
    expect(atGiven.data?.invalidateFact.expiredAt).toEqual(expect.any(String));
    const atNow = await t.execute(INVALIDATE, { id: now.uuid });
    expect(atNow.data?.invalidateFact.invalidAt).toEqual(expect.any(String));
    expect(atNow.data?.invalidateFact.expiredAt).toEqual(expect.any(String));

    const rows = await t.cypher(
      `MATCH ()-[r:RELATES_TO]->() WHERE r.uuid IN $ids RETURN r.uuid AS uuid, r.invalidAt IS NOT NULL AND r.expiredAt IS NOT NULL AS ended`,
      { ids: [given.uuid, now.uuid] },
    );
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.ended)).toBe(true);
    expect((await t.execute(FACT, { id: given.uuid })).data?.fact.invalidAt).toBe("2026-03-01T12:00:00.000Z");
    expect(errorCodes(await t.execute(INVALIDATE, { id: "no-such-fact" }))).toEqual(["NOT_FOUND"]);
  });

  it("deleteFact removes the fact and a node left with no fact and no mention, never the user node or a mentioned node", async () => {
    const jane = await addGraphUser(t, "gf-delete");
    const lonely = await addFact(t, jane.userId, triple("Lonely Island", "Jane Roe visited Lonely Island.", "VISITED"));
    const mentioned = await addFact(t, jane.userId, triple("Acme", "Jane Roe works at Acme.", "WORKS_AT"));
    await addData(t, jane.userId, { type: "TEXT", data: "Acme sent an invoice." });

    const result = await t.execute(DELETE_FACT, { id: lonely.uuid });
    expect(result.errors).toBeUndefined();
    expect(result.data?.deleteFact.uuid).toBe(lonely.uuid);
    expect(result.data?.deleteFact.message.length).toBeGreaterThan(0);
    expect((await t.execute(FACT, { id: lonely.uuid })).data?.fact).toBeNull();
    expect((await t.execute(NODE, { id: lonely.targetNodeUuid })).data?.entityNode).toBeNull();

    await t.execute(DELETE_FACT, { id: mentioned.uuid });
    expect((await t.execute(NODE, { id: mentioned.targetNodeUuid })).data?.entityNode).toMatchObject({ name: "Acme" });
    expect((await t.execute(NODE, { id: jane.nodeUuid })).data?.entityNode).toMatchObject({ labels: ["Entity", "User"] });
    const left = await t.cypher(`MATCH (n:Entity {groupId: $g}) RETURN n.name AS name ORDER BY name`, { g: jane.uuid });
    expect(left.map((row) => row.name)).toEqual(["Acme", "Jane Roe"]);
    expect(await graphCounts(t, jane.uuid)).toMatchObject({ facts: 0 });
    expect(errorCodes(await t.execute(DELETE_FACT, { id: lonely.uuid }))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await t.execute(DELETE_FACT, { id: "no-such-fact" }))).toEqual(["NOT_FOUND"]);
  });

  it("entityNode and fact return null for an unknown uuid and for another project's", async () => {
    const other = await startTestApp();
    try {
      const stranger = await addGraphUser(other, "gf-project");
      const theirs = await addFact(other, stranger.userId, triple("Acme", "Jane Roe works at Acme.", "WORKS_AT"));
      const read = await t.execute(
        `query($n: ID!, $u: ID!, $f: ID!) {
          node: entityNode(uuid: $n) { uuid } userNode: entityNode(uuid: $u) { uuid } fact(uuid: $f) { uuid }
          unknownNode: entityNode(uuid: "no-such-node") { uuid } unknownFact: fact(uuid: "no-such-fact") { uuid } }`,
        { n: theirs.targetNodeUuid, u: stranger.nodeUuid, f: theirs.uuid },
      );
      expect(read.errors).toBeUndefined();
      expect(read.data).toEqual({ node: null, userNode: null, fact: null, unknownNode: null, unknownFact: null });
      const inOwnProject = await other.execute(`query($f: ID!) { fact(uuid: $f) { uuid } }`, { f: theirs.uuid });
      expect(inOwnProject.data?.fact).toEqual({ uuid: theirs.uuid });
      expect(errorCodes(await t.execute(INVALIDATE, { id: theirs.uuid }))).toEqual(["NOT_FOUND"]);
      expect(errorCodes(await t.execute(DELETE_FACT, { id: theirs.uuid }))).toEqual(["NOT_FOUND"]);
      expect(await graphCounts(other, stranger.uuid)).toMatchObject({ entities: 2, facts: 1 });
    } finally {
      await other.close();
    }
  });
});
