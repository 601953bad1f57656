import { type TestApp, startTestApp } from "../support/testApp";
import {
  DELETE_FACT,
  INVALIDATE,
  type GraphUser,
  addData,
  addFact,
  addGraphUser,
  addMessages,
  createThread,
  graphCounts,
} from "../support/graph";

// The right to be forgotten, for a user with a graph: deleteUser leaves no node or relationship of the
// user's world and no text that names them, counts exactly what it removed, and leaves a neighbour with a
// graph of the same shape and the same names exactly as it was.

const FACTS = 5;
/** The user node and Acme, Lisbon, Kayak, Cello and Oldco. */
const NODES = 6;

describe("deleteUser forgets the user's graph", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Facts (one deduplicated, one invalidated, one deleted), data and messages that name the user. */
  async function userWithGraph(label: string): Promise<GraphUser & { threadId: string }> {
    const user = await addGraphUser(t, label);
    const threadId = await createThread(t, user.userId);
    const triple = (source: string, target: string, fact: string, factName: string, threadId?: string) =>
      addFact(t, user.userId, { sourceNodeName: source, targetNodeName: target, fact, factName, threadId });
    await triple(user.fullName, "Acme", `${user.fullName} (${user.email}) works at Acme.`, "WORKS_AT");
    await triple(user.fullName, "Acme", `${user.fullName} (${user.email}) works at Acme.`, "WORKS_AT");
    await triple("Acme", "Lisbon", "Acme is based in Lisbon.", "BASED_IN");
    await triple(user.email, "Kayak", `User ${user.userId} owns a kayak.`, "OWNS");
    await triple(user.userId, "Cello", "Jane Roe plays the cello.", "PLAYS", threadId);
    const ended = await triple(user.fullName, "Oldco", "Jane Roe worked at Oldco.", "WORKED_AT");
    expect((await t.execute(INVALIDATE, { id: ended.uuid })).errors).toBeUndefined();
    const temporary = await triple(user.fullName, "Temp Agency", "Jane Roe temped at an agency.", "TEMPED_AT");
    expect((await t.execute(DELETE_FACT, { id: temporary.uuid })).errors).toBeUndefined();
    await addData(t, user.userId, { type: "TEXT", data: `Acme invoiced ${user.email} for the kayak rental.` });
    await addData(t, user.userId, { type: "JSON", data: JSON.stringify({ userId: user.userId, employer: "Acme" }) });
    await addMessages(t, threadId, [`Hi, I am ${user.fullName}, ${user.email}.`, `Hello ${user.userId}, how is Lisbon?`]);
    return { ...user, threadId };
  }

  /** Everything in the database that carries the group: nodes by label, relationships by type. */
  async function world(groupId: string): Promise<Record<string, number>> {
    const nodes = await t.cypher(`MATCH (n {groupId: $g}) UNWIND labels(n) AS label RETURN label AS key, count(*) AS n`, { g: groupId });
    const links = await t.cypher(`MATCH ()-[r {groupId: $g}]->() RETURN '-' + type(r) AS key, count(r) AS n`, { g: groupId });
    const touching = await t.cypher(
      `MATCH (n {groupId: $g})-[r]-() RETURN '~' + type(r) AS key, count(DISTINCT r) AS n`,
      { g: groupId },
    );
    return Object.fromEntries([...nodes, ...links, ...touching].map((row) => [row.key, row.n]));
  }

  /** How many nodes and relationships hold a string (or a string in a list) containing any of the words. */
  async function naming(words: string[]): Promise<number> {
    const [row] = await t.cypher(
      `CALL () {
         MATCH (n) WHERE any(key IN keys(n) WHERE
           (n[key] IS :: STRING AND any(w IN $words WHERE n[key] CONTAINS w)) OR
           (n[key] IS :: LIST<STRING> AND any(item IN n[key] WHERE any(w IN $words WHERE item CONTAINS w))))
         RETURN count(n) AS nodes }
       CALL () {
         MATCH ()-[r]->() WHERE any(key IN keys(r) WHERE
           (r[key] IS :: STRING AND any(w IN $words WHERE r[key] CONTAINS w)) OR
           (r[key] IS :: LIST<STRING> AND any(item IN r[key] WHERE any(w IN $words WHERE item CONTAINS w))))
         RETURN count(r) AS relationships }
       RETURN nodes + relationships AS n`,
      { words },
    );
    return row?.n;
  }

  it("removes every fact, node, episode and mention of the user with exact counts, and nothing of the neighbour's", async () => {
    const doomed = await userWithGraph("gfg-doomed");
    const neighbour = await userWithGraph("gfg-neighbour");
    expect(await graphCounts(t, doomed.uuid)).toMatchObject({ entities: NODES, facts: FACTS });
    expect(await naming([doomed.userId, doomed.email])).toBeGreaterThan(0);
    const neighbourBefore = await world(neighbour.uuid);
    const neighbourRead = `query($u: ID!) { user(userId: $u) { node { summary facts { totalCount } } episodes(last: 50) { uuid mentions { name } } } }`;
    const neighbourViewBefore = await t.execute(neighbourRead, { u: neighbour.userId });

    const result = await t.execute(
      `mutation($id: ID!) { deleteUser(userId: $id) { userId deletedThreads deletedMessages deletedFacts deletedNodes } }`,
      { id: doomed.userId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.deleteUser).toEqual({
      userId: doomed.userId,
      deletedThreads: 1,
      deletedMessages: 2,
      deletedFacts: FACTS,
      deletedNodes: NODES,
    });

    expect(await world(doomed.uuid)).toEqual({});
    expect(await graphCounts(t, doomed.uuid)).toEqual({ entities: 0, facts: 0, episodes: 0 });
    expect(await naming([doomed.userId, doomed.email])).toBe(0);

    expect(await world(neighbour.uuid)).toEqual(neighbourBefore);
    expect(await t.execute(neighbourRead, { u: neighbour.userId })).toEqual(neighbourViewBefore);
    const search = await t.execute(`query($u: ID!) { searchGraph(userId: $u, query: "Lisbon") { edges { fact } } }`, { u: neighbour.userId });
    expect(search.data?.searchGraph.edges.map((e: any) => e.fact)).toContain("Acme is based in Lisbon.");
  });
});
