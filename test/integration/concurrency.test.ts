import { type TestApp, errorCodes, startTestApp, uniqueId } from "../support/testApp";

// Every write to a user's world takes the user's lock first (cypher/user.lock.cypher), so concurrent writes
// of every kind to one user queue on that lock instead of deadlocking. A deadlock would show here as a
// retried transaction: the driver reruns the whole transaction, and each rerun sends its statements again.

describe("concurrent writes to one user's world", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("all succeed, none is retried, and none loses another's write", async () => {
    const userId = uniqueId("busy");
    await t.execute(`mutation($id: ID!) { addUser(input: { userId: $id, email: "busy@example.com" }) { uuid } }`, { id: userId });
    const threads = [`${userId}-a`, `${userId}-b`];
    for (const threadId of threads) {
      await t.execute(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { uuid } }`, { t: threadId, u: userId });
    }
    const { result: results, byQuery } = await t.countStatements(() =>
      Promise.all([
        ...Array.from({ length: 20 }, (_, i) =>
          t.execute(`mutation($id: ID!, $m: JSONObject) { updateUser(userId: $id, input: { metadata: $m }) { userId } }`, {
            id: userId,
            m: { [`k${i}`]: i },
          }),
        ),
        ...Array.from({ length: 10 }, (_, i) =>
          t.execute(
            `mutation($id: ID!, $input: AddFactTripleInput!) { addFactTriple(userId: $id, input: $input) { uuid } }`,
            { id: userId, input: { sourceNodeName: userId, targetNodeName: `Thing ${i % 3}`, fact: `The user likes thing ${i}`, factName: "LIKES" } },
          ),
        ),
        ...Array.from({ length: 10 }, (_, i) =>
          t.execute(`mutation($t: ID!, $m: [MessageInput!]!) { addMessages(threadId: $t, messages: $m) { messageUuids } }`, {
            t: threads[i % 2],
            m: [{ role: "USER", content: `about thing ${i}` }, { role: "ASSISTANT", content: `noted ${i}` }],
          }),
        ),
      ]),
    );
    expect(results.flatMap(errorCodes)).toEqual([]);
    expect(byQuery["user.update"]).toBe(20);
    expect(byQuery["user.lock"]).toBe(20);
    expect(byQuery["fact.add-triple"]).toBe(10);
    expect(byQuery["message.add"]).toBe(10);

    const read = await t.execute(
      `query($id: ID!) { user(userId: $id) { metadata node { summary facts(first: 100) { totalCount } }
        threads { edges { node { messageCount } } } } }`,
      { id: userId },
    );
    const user = read.data?.user;
    expect(Object.keys(user.metadata).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}`).sort());
    expect(user.node.facts.totalCount).toBe(10);
    for (let i = 0; i < 10; i += 1) expect(user.node.summary).toContain(`The user likes thing ${i}.`);
    expect(user.threads.edges.map((edge: any) => edge.node.messageCount)).toEqual([10, 10]);
  });
});
