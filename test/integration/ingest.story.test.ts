import { allProcessed, storedFacts } from "../support/ingest";
import { serveForZep } from "../support/zep";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// The story of issue 13, in the embedded mode (no model): a user tells the service who they are in a thread
// and through business data, and the memory builds itself — facts on the user's node, a summary and a
// context block that state them, a search that finds them; then a move to Paris ends the Berlin fact.

const USER_NODE = `query($u: ID!) { user(userId: $u) { uuid node { uuid summary facts(first: 50) { edges { node { name fact target { name labels } validAt invalidAt } } } } } }`;

describe("ingestion, the issue's story in the embedded mode", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ingest: {} });
  });
  afterAll(() => t.close());


  it("learns Jane's work, home, role, preference, manager and plan, and forgets Berlin when she moves to Paris", async () => {
    const userId = uniqueId("jane");
    const email = `${userId}@example.com`;
    const added = await t.data(`mutation($u: ID!, $e: String) { addUser(input: { userId: $u, email: $e, firstName: "Jane", lastName: "Smith" }) { uuid } }`, {
      u: userId,
      e: email,
    });
    const groupId: string = added.addUser.uuid;
    const threadId = uniqueId("support");
    await t.data(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { threadId } }`, { t: threadId, u: userId });
    const sent = await t.data(
      `mutation($t: ID!, $m: [MessageInput!]!) { addMessages(threadId: $t, messages: $m) { messageUuids thread { messages { edges { node { processed } } } } } }`,
      {
        t: threadId,
        m: [
          { role: "USER", content: "I moved to Berlin last month and I now work at Acme as a data engineer. My invoice for November is wrong." },
          { role: "ASSISTANT", content: "Sorry about that, Jane! I have corrected the November invoice." },
          { role: "USER", content: "I prefer email over phone calls, and my manager is Tom Becker." },
        ],
      },
    );
    // Acknowledged at once: the messages are stored, their processing is still to come.
    expect(sent.addMessages.messageUuids).toHaveLength(3);
    const data = JSON.stringify({ email, plan: "pro", seats: 12, renewal: "2027-01-15" });
    const episode = await t.data(`mutation($u: ID!, $d: String!) { addData(userId: $u, input: { type: JSON, data: $d }) { uuid processed processingState } }`, {
      u: userId,
      d: data,
    });
    expect(episode.addData).toMatchObject({ processed: false, processingState: "PENDING" });

    await allProcessed(t, groupId);

    const facts = (await t.data(USER_NODE, { u: userId })).user.node.facts.edges.map((edge: any) => edge.node);
    const byName = (name: string) => facts.filter((fact: any) => fact.name === name).map((fact: any) => `${fact.fact} -> ${fact.target.name}`);
    expect(byName("WORKS_AT")).toEqual(["Jane Smith works at Acme -> Acme"]);
    expect(byName("LIVES_IN")).toEqual(["Jane Smith lives in Berlin -> Berlin"]);
    expect(byName("HAS_ROLE")).toEqual(["Jane Smith works as a data engineer -> data engineer"]);
    expect(byName("PREFERS")).toEqual(["Jane Smith prefers email over phone calls -> email"]);
    expect(byName("HAS_MANAGER")).toEqual(["Jane Smith's manager is Tom Becker -> Tom Becker"]);
    expect(byName("HAS_PLAN")).toEqual(["Jane Smith has plan pro -> pro"]);
    expect(byName("HAS_SEATS")).toEqual(["Jane Smith has seats 12 -> 12"]);
    expect(facts.find((fact: any) => fact.name === "WORKS_AT").target.labels).toEqual(["Entity", "Organization"]);

    const summary: string = (await t.data(USER_NODE, { u: userId })).user.node.summary;
    for (const phrase of ["works at Acme", "lives in Berlin", "manager is Tom Becker", "has plan pro"]) expect(summary).toContain(phrase);

    const context = await t.data(`query($t: ID!) { thread(threadId: $t) { userContext(limit: 20) messages { edges { node { processed } } } } }`, { t: threadId });
    expect(context.thread.messages.edges.map((edge: any) => edge.node.processed)).toEqual([true, true, true]);
    const block: string = context.thread.userContext;
    for (const phrase of ["Jane Smith works at Acme", "Jane Smith lives in Berlin", "Tom Becker", "Acme (Entity, Organization)"]) expect(block).toContain(phrase);

    const search = await t.data(`query($u: ID!) { searchGraph(userId: $u, query: "where does Jane work", scope: EDGES) { edges { name fact } } }`, { u: userId });
    expect(search.searchGraph.edges).toContainEqual({ name: "WORKS_AT", fact: "Jane Smith works at Acme" });

    // What Neo4j holds: every fact cites the episode it came from, which mentions both of its nodes.
    const [cited] = await t.cypher(
      `MATCH (s:Entity)-[f:RELATES_TO {groupId: $g}]->(o:Entity)
       WHERE NOT EXISTS { MATCH (e:Episodic)-[:MENTIONS]->(s) WHERE e.uuid IN f.episodes }
          OR NOT EXISTS { MATCH (e:Episodic)-[:MENTIONS]->(o) WHERE e.uuid IN f.episodes }
       RETURN count(f) AS uncited`,
      { g: groupId },
    );
    expect(cited?.uncited).toBe(0);

    // The move: the Berlin fact ends (history kept) and leaves the summary.
    await t.data(`mutation($t: ID!) { addMessages(threadId: $t, messages: [{ role: USER, content: "I moved to Paris." }]) { messageUuids } }`, { t: threadId });
    await allProcessed(t, groupId);
    const after = await storedFacts(t, groupId);
    const homes = after.filter((fact) => fact.name === "LIVES_IN");
    expect(homes.map((fact) => [fact.target, fact.invalidAt === null, fact.expiredAt === null])).toEqual([
      ["Berlin", false, false],
      ["Paris", true, true],
    ]);
    const movedSummary: string = (await t.data(USER_NODE, { u: userId })).user.node.summary;
    expect(movedSummary).toContain("lives in Paris");
    expect(movedSummary).not.toContain("Berlin");
    const validNow = (await t.data(USER_NODE, { u: userId })).user.node.facts.edges.map((edge: any) => edge.node.fact);
    expect(validNow).not.toContain("Jane Smith lives in Berlin");

    // Zep's REST message objects carry `processed`.
    const { base } = await serveForZep(t);
    const response = await fetch(`${base}/threads/${threadId}/messages`, { headers: { Authorization: `Api-Key ${await t.newApiKey()}` } });
    const body = (await response.json()) as { messages: { processed: boolean }[] };
    expect(body.messages.map((message) => message.processed)).toEqual([true, true, true, true]);
  });
});
