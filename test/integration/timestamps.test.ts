import { ADD_DATA, ADD_FACT, FACT, INVALIDATE, addGraphUser, createThread, tick } from "../support/graph";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// Every time the service stamps is taken by the call that stamps it: it falls inside a window read from the
// clock just before and just after the call (Neo4j runs on this machine's clock), and a later call that must
// keep it (a second invalidateFact, an update, the same fact added again) leaves it as it was. A tick
// between two calls makes "as it was" different from "now".

interface Window {
  from: number;
  to: number;
}

/** Runs the call between two readings of the clock. */
async function timed<T>(call: () => Promise<T>): Promise<{ result: T; window: Window }> {
  const from = Date.now();
  const result = await call();
  return { result, window: { from, to: Date.now() } };
}

/** An ISO instant with milliseconds, inside the window. */
function expectWithin(instant: string, { from, to }: Window): void {
  expect(instant).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(Date.parse(instant)).toBeGreaterThanOrEqual(from);
  expect(Date.parse(instant)).toBeLessThanOrEqual(to);
}

const USER_FIELDS = "userId createdAt updatedAt node { uuid createdAt }";
const THREAD = `query($t: ID!) { thread(threadId: $t) { createdAt updatedAt messages { edges { node { content createdAt } } } } }`;
const ADD_FACT_TIMES = `mutation($u: ID!, $input: AddFactTripleInput!) {
  addFactTriple(userId: $u, input: $input) { uuid createdAt episodes source { createdAt } target { createdAt } } }`;
const ADD_MESSAGES = `mutation($t: ID!, $m: [MessageInput!]!) { addMessages(threadId: $t, messages: $m) { thread { createdAt updatedAt } } }`;

describe("timestamps", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());


  it("addUser stamps createdAt = updatedAt and the user node's createdAt within the call, as Neo4j holds them", async () => {
    const userId = uniqueId("ts-add");
    const { result, window } = await timed(() => t.data(`mutation($id: ID!) { addUser(input: { userId: $id }) { ${USER_FIELDS} } }`, { id: userId }));
    const user = result.addUser;
    expectWithin(user.createdAt, window);
    expect(user.updatedAt).toBe(user.createdAt);
    expectWithin(user.node.createdAt, window);
    const [stored] = await t.cypher(
      `MATCH (u:User {projectId: $p, userId: $id})-[:HAS_NODE]->(n) RETURN toString(u.createdAt) AS createdAt, toString(n.createdAt) AS nodeCreatedAt`,
      { p: t.projectId, id: userId },
    );
    expect(new Date(stored?.createdAt).toISOString()).toBe(user.createdAt);
    expect(new Date(stored?.nodeCreatedAt).toISOString()).toBe(user.node.createdAt);
  });

  it("updateUser moves updatedAt into its own call and leaves createdAt and the node's createdAt as they were", async () => {
    const userId = uniqueId("ts-upd");
    const added = (await t.data(`mutation($id: ID!) { addUser(input: { userId: $id }) { ${USER_FIELDS} } }`, { id: userId })).addUser;
    await tick();
    const { result, window } = await timed(() =>
      t.data(`mutation($id: ID!) { updateUser(userId: $id, input: { firstName: "Ann" }) { ${USER_FIELDS} } }`, { id: userId }),
    );
    expectWithin(result.updateUser.updatedAt, window);
    expect(result.updateUser.createdAt).toBe(added.createdAt);
    expect(result.updateUser.node.createdAt).toBe(added.node.createdAt);
    const read = (await t.data(`query($id: ID!) { user(userId: $id) { ${USER_FIELDS} } }`, { id: userId })).user;
    expect(read).toEqual(result.updateUser);
  });

  it("createThread stamps createdAt = updatedAt within the call", async () => {
    const userId = (await addGraphUser(t, "ts-thread")).userId;
    const threadId = uniqueId("ts-t");
    const { result, window } = await timed(() =>
      t.data(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { createdAt updatedAt } }`, { t: threadId, u: userId }),
    );
    expectWithin(result.createThread.createdAt, window);
    expect(result.createThread.updatedAt).toBe(result.createThread.createdAt);
  });

  it("addMessages moves the thread's updatedAt, stamps messages without a createdAt, and keeps every earlier time", async () => {
    const userId = (await addGraphUser(t, "ts-msg")).userId;
    const threadId = await createThread(t, userId);
    const created = (await t.data(THREAD, { t: threadId })).thread;
    await tick();
    const first = await timed(() =>
      t.data(ADD_MESSAGES, { t: threadId, m: [{ role: "USER", content: "now" }, { role: "USER", content: "then", createdAt: "2020-05-06T07:08:09.010Z" }] }),
    );
    expectWithin(first.result.addMessages.thread.updatedAt, first.window);
    expect(first.result.addMessages.thread.createdAt).toBe(created.createdAt);
    const afterFirst = (await t.data(THREAD, { t: threadId })).thread.messages.edges.map((edge: any) => edge.node);
    expectWithin(afterFirst[0].createdAt, first.window);
    expect(afterFirst[1]).toEqual({ content: "then", createdAt: "2020-05-06T07:08:09.010Z" });

    await tick();
    const second = await timed(() => t.data(ADD_MESSAGES, { t: threadId, m: [{ role: "ASSISTANT", content: "later" }] }));
    expectWithin(second.result.addMessages.thread.updatedAt, second.window);
    const thread = (await t.data(THREAD, { t: threadId })).thread;
    expect(thread.createdAt).toBe(created.createdAt);
    expect(thread.messages.edges.map((edge: any) => edge.node).slice(0, 2)).toEqual(afterFirst);
    expectWithin(thread.messages.edges[2].node.createdAt, second.window);
  });

  it("addFactTriple stamps the fact, its new nodes and its episode within the call; the same triple again keeps them", async () => {
    const jane = await addGraphUser(t, "ts-fact");
    const input = { sourceNodeName: jane.fullName, targetNodeName: "Acme", fact: "Jane Roe works at Acme.", factName: "WORKS_AT" };
    const { result, window } = await timed(() => t.data(ADD_FACT_TIMES, { u: jane.userId, input }));
    const fact = result.addFactTriple;
    expectWithin(fact.createdAt, window);
    expectWithin(fact.target.createdAt, window);
    const [episode] = await t.cypher(`MATCH (e:Episodic {uuid: $e}) RETURN toString(e.createdAt) AS createdAt`, { e: fact.episodes[0] });
    expectWithin(new Date(episode?.createdAt).toISOString(), window);

    await tick();
    const again = (await t.data(ADD_FACT_TIMES, { u: jane.userId, input })).addFactTriple;
    expect(again.uuid).toBe(fact.uuid);
    expect(again.episodes).toHaveLength(2);
    expect(again.createdAt).toBe(fact.createdAt);
    expect(again.target.createdAt).toBe(fact.target.createdAt);
    expect(again.source.createdAt).toBe(fact.source.createdAt);
  });

  it("invalidateFact stamps expiredAt once: a second call, with or without invalidAt, keeps the first expiredAt", async () => {
    const jane = await addGraphUser(t, "ts-invalidate");
    const input = { sourceNodeName: jane.fullName, targetNodeName: "Acme", fact: "Jane Roe works at Acme.", factName: "WORKS_AT" };
    const added = (await t.data(ADD_FACT, { u: jane.userId, input })).addFactTriple;
    await tick();
    const first = await timed(() => t.data(INVALIDATE, { id: added.uuid }));
    const invalidated = first.result.invalidateFact;
    expectWithin(invalidated.expiredAt, first.window);
    expectWithin(invalidated.invalidAt, first.window);
    expect(invalidated.createdAt).toBe(added.createdAt);

    await tick();
    const again = (await t.data(INVALIDATE, { id: added.uuid, at: "2026-03-01T12:00:00.000Z" })).invalidateFact;
    expect(again).toMatchObject({ expiredAt: invalidated.expiredAt, invalidAt: "2026-03-01T12:00:00.000Z", createdAt: added.createdAt });
    await tick();
    const third = (await t.data(INVALIDATE, { id: added.uuid })).invalidateFact;
    expect(third.expiredAt).toBe(invalidated.expiredAt);
    expect((await t.data(FACT, { id: added.uuid })).fact.expiredAt).toBe(invalidated.expiredAt);
  });

  it("addData stamps its episode within the call", async () => {
    const jane = await addGraphUser(t, "ts-data");
    const { result, window } = await timed(() => t.data(ADD_DATA, { u: jane.userId, input: { type: "TEXT", data: "Jane Roe renewed." } }));
    expectWithin(result.addData.createdAt, window);
  });
});
