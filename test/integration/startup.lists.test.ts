import { addFact, addGraphUser } from "../support/graph";
import { type TestApp, startTestApp } from "../support/testApp";

// Data written before the thread counter and the list keys existed: start-up counts the project's threads
// once and backfills messages' threadUuid and facts' node uuids, in batches, so that the index-backed pages
// see all of it; two instances starting together do it right, and a later start-up does nothing again.

const MESSAGES = `query($t: ID!) { thread(threadId: $t) { messages(last: 100) { totalCount edges { node { content } } } } }`;
const NODE_FACTS = `query($n: ID!) { entityNode(uuid: $n) { facts(first: 100) { totalCount edges { node { fact } } } } }`;

describe("start-up over data from before the counters and list keys", () => {
  let first: TestApp;
  beforeAll(async () => {
    first = await startTestApp();
  });
  afterAll(() => first.close());

  async function statementsRun(t: TestApp): Promise<Record<string, number>> {
    const metric = await t.app.metrics.cypherQueries.get();
    return Object.fromEntries(metric.values.map((value) => [String(value.labels.query), value.value]));
  }

  it("counts the threads once, backfills the keys, and pages then see everything", async () => {
    const projectId = first.projectId;
    const users = [await addGraphUser(first, "su-a"), await addGraphUser(first, "su-b")];
    for (const [k, user] of users.entries()) {
      for (let i = 0; i < 3; i += 1) {
        const threadId = `${user.userId}-${i}`;
        const created = await first.execute(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { threadId } }`, {
          t: threadId,
          u: user.userId,
        });
        expect(created.errors).toBeUndefined();
        await first.execute(`mutation($t: ID!, $m: [MessageInput!]!) { addMessages(threadId: $t, messages: $m) { messageUuids } }`, {
          t: threadId,
          m: [{ role: "USER", content: `${threadId} one` }, { role: "ASSISTANT", content: `${threadId} two` }],
        });
      }
      await addFact(first, user.userId, { sourceNodeName: user.fullName, targetNodeName: `Tea ${k}`, fact: `${user.fullName} drinks tea.`, factName: "DRINKS" });
    }
    // Back to how an earlier version left the data: no counter, no keys, no finished backfills.
    await first.cypher(
      `MATCH (c:Counter {projectId: $p, name: 'threads'}) DETACH DELETE c
       WITH count(*) AS _ MATCH (m:Message {projectId: $p}) REMOVE m.threadUuid
       WITH count(*) AS _ MATCH ()-[f:RELATES_TO {projectId: $p}]->() REMOVE f.sourceNodeUuid, f.targetNodeUuid
       WITH count(*) AS _ MATCH (b:Backfill {projectId: $p}) DETACH DELETE b`,
      { p: projectId },
    );
    const before = await first.execute(MESSAGES, { t: `${users[0]?.userId}-0` });
    expect(before.data?.thread.messages.edges).toEqual([]);

    const [a, b] = await Promise.all([startTestApp({ projectId }), startTestApp({ projectId })]);
    try {
      expect((await a.execute(`{ threadsOrdered { totalCount } }`)).data?.threadsOrdered.totalCount).toBe(6);
      const [left] = await a.cypher(
        `CALL () { MATCH (m:Message {projectId: $p}) WHERE m.threadUuid IS NULL RETURN count(m) AS messages }
         CALL () { MATCH ()-[f:RELATES_TO {projectId: $p}]->() WHERE f.sourceNodeUuid IS NULL OR f.targetNodeUuid IS NULL RETURN count(f) AS facts }
         CALL () { MATCH (bf:Backfill {projectId: $p}) RETURN collect(bf.name) AS finished }
         RETURN messages, facts, finished`,
        { p: projectId },
      );
      expect(left).toMatchObject({ messages: 0, facts: 0 });
      expect([...(left?.finished ?? [])].sort()).toEqual(["fact-node-uuids", "message-thread-uuid"]);
      const threadId = `${users[0]?.userId}-0`;
      const messages = (await b.execute(MESSAGES, { t: threadId })).data?.thread.messages;
      expect(messages).toEqual({ totalCount: 2, edges: [{ node: { content: `${threadId} one` } }, { node: { content: `${threadId} two` } }] });
      const facts = (await b.execute(NODE_FACTS, { n: users[1]?.nodeUuid })).data?.entityNode.facts;
      expect(facts).toEqual({ totalCount: 1, edges: [{ node: { fact: `${users[1]?.fullName} drinks tea.` } }] });

      const later = await startTestApp({ projectId });
      try {
        expect((await later.execute(`{ threadsOrdered { totalCount } }`)).data?.threadsOrdered.totalCount).toBe(6);
        const ran = await statementsRun(later);
        expect(ran["backfill.finished"]).toBe(2);
        expect(ran["message.backfill-thread-uuid"] ?? 0).toBe(0);
        expect(ran["fact.backfill-node-uuids"] ?? 0).toBe(0);
      } finally {
        await later.close();
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
