import { type TestApp, errorCodes, startTestApp } from "../support/testApp";
import { ADD_DATA, EPISODES, type GraphUser, addData, addFact, addGraphUser, addMessages, createThread, graphCounts, tick } from "../support/graph";

// addData (Zep's graph.add, without a language model) and the MESSAGE episodes of addMessages: each is
// stored verbatim as an (:Episodic) node, linked by [:MENTIONS] to every entity of the user's graph that it
// names on word boundaries, case-insensitively, and to the user node when it names the user.

const names = (nodes: { name: string }[]): string[] => nodes.map((node) => node.name).sort();

describe("graph data and episodes", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** A user whose graph holds Acme and New York besides the user node. */
  async function userWithEntities(label: string): Promise<GraphUser> {
    const user = await addGraphUser(t, label);
    await addFact(t, user.userId, { sourceNodeName: user.userId, targetNodeName: "Acme", fact: "Jane Roe works at Acme.", factName: "WORKS_AT" });
    await addFact(t, user.userId, { sourceNodeName: "Acme", targetNodeName: "New York", fact: "Acme has an office in New York.", factName: "HAS_OFFICE_IN" });
    return user;
  }

  /** The entities the database links the episode to, by name, with the group each belongs to. */
  async function storedMentions(episodeUuid: string): Promise<{ name: string; groupId: string }[]> {
    return t.cypher(
      `MATCH (e:Episodic {uuid: $e})-[:MENTIONS]->(n:Entity) RETURN n.name AS name, n.groupId AS groupId ORDER BY name`,
      { e: episodeUuid },
    );
  }

  it("addData TEXT stores the text verbatim and links it to the entities it names, on word boundaries and in any case", async () => {
    const jane = await userWithEntities("gd-text");
    const neighbour = await userWithEntities("gd-text-other");
    const episode = await addData(t, jane.userId, {
      type: "TEXT",
      data: "Please ship acme's order to our NEW YORK office.",
      sourceDescription: "order desk",
    });
    expect(episode).toMatchObject({
      content: "Please ship acme's order to our NEW YORK office.",
      source: "TEXT",
      sourceDescription: "order desk",
      threadId: null,
    });
    expect(names(episode.mentions)).toEqual(["Acme", "New York"]);
    expect(await storedMentions(episode.uuid)).toEqual([
      { name: "Acme", groupId: jane.uuid },
      { name: "New York", groupId: jane.uuid },
    ]);
    const [stored] = await t.cypher(`MATCH (e:Episodic {uuid: $e}) RETURN e.projectId AS projectId, e.groupId AS groupId`, { e: episode.uuid });
    expect(stored).toEqual({ projectId: t.projectId, groupId: jane.uuid });
    const [neighbours] = await t.cypher(`MATCH (e:Episodic {uuid: $e})-[:MENTIONS]->(n {groupId: $g}) RETURN count(n) AS n`, {
      e: episode.uuid,
      g: neighbour.uuid,
    });
    expect(neighbours?.n).toBe(0);
  });

  it("addData does not link a name that is only part of a word", async () => {
    const jane = await userWithEntities("gd-partial");
    const episode = await addData(t, jane.userId, { type: "TEXT", data: "Shipped from Acmeville by SuperAcme to New Yorkshire." });
    expect(episode.mentions).toEqual([]);
    expect(await storedMentions(episode.uuid)).toEqual([]);
  });

  it.each([
    ["email", (u: GraphUser) => `Invoice sent to ${u.email} today.`],
    ["userId", (u: GraphUser) => `Account ${u.userId} renewed.`],
    ["full name", () => "Call Jane Roe back about the renewal."],
  ])("addData links the user node when the data contains the user's %s", async (_label, text) => {
    const jane = await addGraphUser(t, "gd-user");
    const episode = await addData(t, jane.userId, { type: "TEXT", data: text(jane) });
    expect(episode.mentions.map((node: any) => node.uuid)).toEqual([jane.nodeUuid]);
    expect(episode.mentions[0].labels).toEqual(["Entity", "User"]);
    const [link] = await t.cypher(`MATCH (:Episodic {uuid: $e})-[:MENTIONS]->(n:Entity {uuid: $n}) RETURN count(n) AS n`, {
      e: episode.uuid,
      n: jane.nodeUuid,
    });
    expect(link?.n).toBe(1);
  });

  it("addData JSON keeps the document verbatim and links the entities named in it", async () => {
    const jane = await userWithEntities("gd-json");
    const data = JSON.stringify({ customer: "acme", shipTo: { city: "New York" }, items: [1, 2] });
    const episode = await addData(t, jane.userId, { type: "JSON", data });
    expect(episode).toMatchObject({ content: data, source: "JSON" });
    expect(names(episode.mentions)).toEqual(["Acme", "New York"]);
  });

  it.each([
    ["type MESSAGE", { type: "MESSAGE", data: "hello" }],
    ["type FACT_TRIPLE", { type: "FACT_TRIPLE", data: "hello" }],
    ["TEXT of 10,001 characters", { type: "TEXT", data: "x".repeat(10_001) }],
    ["JSON of 10,001 characters", { type: "JSON", data: `{"k":"${"x".repeat(9_993)}"}` }],
    ["JSON that does not parse", { type: "JSON", data: '{"customer": "Acme",' }],
    ["a sourceDescription of 501 characters", { type: "TEXT", data: "hello", sourceDescription: "d".repeat(501) }],
  ])("addData refuses %s with BAD_USER_INPUT and stores nothing", async (_label, input) => {
    const jane = await addGraphUser(t, "gd-refuse");
    expect(errorCodes(await t.execute(ADD_DATA, { u: jane.userId, input }))).toEqual(["BAD_USER_INPUT"]);
    expect(await graphCounts(t, jane.uuid)).toEqual({ entities: 1, facts: 0, episodes: 0 });
  });

  it("addData takes TEXT and JSON of exactly 10,000 characters and a sourceDescription of 500", async () => {
    const jane = await addGraphUser(t, "gd-edge");
    const json = `{"k":"${"x".repeat(9_992)}"}`;
    expect(json).toHaveLength(10_000);
    await addData(t, jane.userId, { type: "TEXT", data: "x".repeat(10_000), sourceDescription: "d".repeat(500) });
    await addData(t, jane.userId, { type: "JSON", data: json });
    expect(await graphCounts(t, jane.uuid)).toMatchObject({ episodes: 2 });
  });

  it("addData fails with NOT_FOUND for an unknown user", async () => {
    const result = await t.execute(ADD_DATA, { u: "no-such-user", input: { type: "TEXT", data: "Acme" } });
    expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
  });

  it("addMessages records each message as a MESSAGE episode of the thread, linked like data", async () => {
    const jane = await userWithEntities("gd-messages");
    const threadId = await createThread(t, jane.userId);
    await addMessages(t, threadId, [`I am ${jane.email}, where is my Acme order?`, "It left our New York office yesterday."]);
    const result = await t.execute(EPISODES, { u: jane.userId, last: 50 });
    const messages = result.data?.user.episodes.filter((e: any) => e.source === "MESSAGE");
    expect(messages).toHaveLength(2);
    const asked = messages.find((e: any) => e.content.includes("where is my Acme order?"));
    const answered = messages.find((e: any) => e.content.includes("It left our New York office yesterday."));
    expect(asked).toMatchObject({ threadId });
    expect(answered).toMatchObject({ threadId });
    expect(names(asked.mentions)).toEqual(["Acme", "Jane Roe"]);
    expect(names(answered.mentions)).toEqual(["New York"]);
    const [stored] = await t.cypher(`MATCH (e:Episodic {groupId: $g, projectId: $p}) WHERE e.uuid IN $ids RETURN count(e) AS n`, {
      g: jane.uuid,
      p: t.projectId,
      ids: messages.map((e: any) => e.uuid),
    });
    expect(stored?.n).toBe(2);
  });

  it("User.episodes lists the user's own episodes of every source, newest first, the last n", async () => {
    const jane = await addGraphUser(t, "gd-episodes");
    const neighbour = await addGraphUser(t, "gd-episodes-other");
    await addData(t, neighbour.userId, { type: "TEXT", data: "not hers" });
    const fact = await addFact(t, jane.userId, { sourceNodeName: "Jane Roe", targetNodeName: "Acme", fact: "Jane Roe works at Acme.", factName: "WORKS_AT" });
    await tick();
    const text = await addData(t, jane.userId, { type: "TEXT", data: "first text" });
    await tick();
    const json = await addData(t, jane.userId, { type: "JSON", data: '{"n": 2}' });
    await tick();
    const threadId = await createThread(t, jane.userId);
    await addMessages(t, threadId, ["a message"]);

    const all = await t.execute(EPISODES, { u: jane.userId, last: 10 });
    const listed = all.data?.user.episodes.map((e: any) => [e.source, e.uuid]);
    expect(listed).toHaveLength(4);
    expect(listed.slice(1)).toEqual([["JSON", json.uuid], ["TEXT", text.uuid], ["FACT_TRIPLE", fact.episodes[0]]]);
    expect(listed[0][0]).toBe("MESSAGE");
    const last2 = await t.execute(EPISODES, { u: jane.userId, last: 2 });
    expect(last2.data?.user.episodes.map((e: any) => e.source)).toEqual(["MESSAGE", "JSON"]);
    const byDefault = await t.execute(`query($u: ID!) { user(userId: $u) { episodes { uuid } } }`, { u: jane.userId });
    expect(byDefault.data?.user.episodes).toHaveLength(4);
  });
});
