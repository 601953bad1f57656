import { type TestApp, errorCodes, startTestApp } from "../support/testApp";
import { type GraphUser, addFact, addGraphUser, addMessages, createThread, tick } from "../support/graph";

// Thread.userContext: Zep's context block, in Zep's exact layout: the user summary, the facts most relevant
// to the thread's last two messages (else the newest) with their date ranges, and the entities they involve.

const CONTEXT = `query($id: ID!, $limit: Int) { thread(threadId: $id) { userContext(limit: $limit) } }`;

interface Entity {
  name: string;
  labels: string[];
  summary: string;
}

/** The block as the contract lays it out, from the parts the test knows. */
function contextBlock(userSummary: string, facts: string[], entities: Entity[]): string {
  return [
    "# This is the user summary",
    "<USER_SUMMARY>",
    userSummary,
    "</USER_SUMMARY>",
    "",
    "# These are the most relevant facts and their valid date ranges",
    "# format: FACT (Date range: from - to)",
    "<FACTS>",
    ...facts.map((fact) => `  - ${fact}`),
    "</FACTS>",
    "",
    "# These are the most relevant entities",
    "# ENTITY_NAME (LABELS): entity summary",
    "<ENTITIES>",
    ...entities.map((entity) => `  - ${entity.name} (${entity.labels.join(", ")}): ${entity.summary}`),
    "</ENTITIES>",
  ].join("\n");
}

/** The lines between two tags of a block, without their leading "  - ". */
function section(block: string, tag: string): string[] {
  const lines = block.split("\n");
  const from = lines.indexOf(`<${tag}>`);
  const to = lines.indexOf(`</${tag}>`);
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from);
  return lines.slice(from + 1, to).map((line) => line.replace(/^ {2}- /, ""));
}

describe("Thread.userContext", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function context(threadId: string, limit?: number): Promise<string> {
    const result = await t.execute(CONTEXT, { id: threadId, limit });
    expect(result.errors).toBeUndefined();
    return result.data?.thread.userContext;
  }

  /** The user summary and every node of the user's graph, by name, as the API shows them now. */
  async function graphOf(user: GraphUser): Promise<{ userSummary: string; nodes: Map<string, Entity> }> {
    const result = await t.execute(
      `query($u: ID!) { user(userId: $u) { node { summary } graphNodes(first: 100) { edges { node { name labels summary } } } } }`,
      { u: user.userId },
    );
    expect(result.errors).toBeUndefined();
    const nodes = new Map<string, Entity>(result.data?.user.graphNodes.edges.map((e: any) => [e.node.name, e.node]));
    return { userSummary: result.data?.user.node.summary, nodes };
  }

  it("lays out the user summary, the newest facts with their date ranges and their entities, exactly", async () => {
    const jane = await addGraphUser(t, "gc-exact");
    const threadId = await createThread(t, jane.userId);
    await addFact(t, jane.userId, {
      sourceNodeName: "Jane Roe",
      targetNodeName: "Acme",
      fact: "Jane Roe works at Acme.",
      factName: "WORKS_AT",
      validAt: "2026-01-01T00:00:00.000Z",
    });
    await tick();
    await addFact(t, jane.userId, { sourceNodeName: "Acme", targetNodeName: "Lisbon", fact: "Acme is based in Lisbon.", factName: "BASED_IN" });
    await tick();
    await addFact(t, jane.userId, {
      sourceNodeName: "Bob",
      targetNodeName: jane.email,
      fact: "Bob mentors Jane Roe until 2099.",
      factName: "MENTORS",
      validAt: "2025-03-04T05:06:07.089Z",
      invalidAt: "2099-01-01T00:00:00.000Z",
    });

    const block = await context(threadId);
    const { userSummary, nodes } = await graphOf(jane);
    const node = (name: string) => nodes.get(name) as Entity;
    expect(node("Jane Roe").labels).toEqual(["Entity", "User"]);
    expect(block).toBe(
      contextBlock(
        userSummary,
        [
          "Bob mentors Jane Roe until 2099. (Date range: 2025-03-04T05:06:07.089Z - 2099-01-01T00:00:00.000Z)",
          "Acme is based in Lisbon. (Date range: date unknown - present)",
          "Jane Roe works at Acme. (Date range: 2026-01-01T00:00:00.000Z - present)",
        ],
        [node("Bob"), node("Jane Roe"), node("Acme"), node("Lisbon")],
      ),
    );
    expect(block.endsWith("</ENTITIES>")).toBe(true);
  });

  it("keeps the tags of empty sections, with no lines between them", async () => {
    const jane = await addGraphUser(t, "gc-empty");
    const threadId = await createThread(t, jane.userId);
    const { userSummary } = await graphOf(jane);
    expect(await context(threadId)).toBe(contextBlock(userSummary, [], []));
  });

  it("picks the facts most relevant to the thread's last two messages, and only the entities of those facts", async () => {
    const jane = await addGraphUser(t, "gc-relevant");
    const threadId = await createThread(t, jane.userId);
    await addFact(t, jane.userId, { sourceNodeName: "Jane Roe", targetNodeName: "Cello", fact: "Jane Roe plays the cello.", factName: "PLAYS" });
    await tick();
    await addFact(t, jane.userId, { sourceNodeName: "Jane Roe", targetNodeName: "Kayak", fact: "Jane Roe owns a kayak.", factName: "OWNS" });
    await tick();
    await addFact(t, jane.userId, { sourceNodeName: "Bob", targetNodeName: "Lisbon", fact: "Bob moved to Lisbon.", factName: "MOVED_TO" });
    // The kayak is only in an older message; the last two ask about the cello.
    await addMessages(t, threadId, ["Where should I take my kayak?", "Somewhere calm.", "I practised cello today", "Sounds lovely"]);

    const block = await context(threadId, 1);
    expect(section(block, "FACTS")).toEqual(["Jane Roe plays the cello. (Date range: date unknown - present)"]);
    expect(section(block, "ENTITIES").map((line) => line.split(" (")[0])).toEqual(["Jane Roe", "Cello"]);
  });

  it("falls back on the newest facts when nothing matches, at most limit of them", async () => {
    const jane = await addGraphUser(t, "gc-newest");
    const threadId = await createThread(t, jane.userId);
    for (const thing of ["Apples", "Pears", "Plums"]) {
      await addFact(t, jane.userId, { sourceNodeName: "Jane Roe", targetNodeName: thing, fact: `Jane Roe grows ${thing}.`, factName: "GROWS" });
      await tick();
    }
    await addMessages(t, threadId, ["xyzzy", "plugh"]);
    const block = await context(threadId, 2);
    expect(section(block, "FACTS")).toEqual([
      "Jane Roe grows Plums. (Date range: date unknown - present)",
      "Jane Roe grows Pears. (Date range: date unknown - present)",
    ]);
    expect(section(block, "ENTITIES").map((line) => line.split(" (")[0])).toEqual(["Jane Roe", "Plums", "Pears"]);
    expect(section(await context(threadId), "FACTS")).toHaveLength(3);
  });

  it("refuses a limit of 0 or 51 with BAD_USER_INPUT and takes 1 and 50", async () => {
    const jane = await addGraphUser(t, "gc-limit");
    const threadId = await createThread(t, jane.userId);
    expect(errorCodes(await t.execute(CONTEXT, { id: threadId, limit: 0 }))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.execute(CONTEXT, { id: threadId, limit: 51 }))).toEqual(["BAD_USER_INPUT"]);
    await context(threadId, 1);
    await context(threadId, 50);
  });
});
