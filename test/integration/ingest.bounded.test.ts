import { eventually } from "../support/ingest";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// The queue at some size: 1,000 messages of 100 users, added five calls of two per user, all processed, each
// user's in the order they were added, with no fact twice, and a bounded number of statements per episode.
// Each message moves the user to another city, so an episode applied out of order would leave the wrong
// home valid.

const USERS = 100;
const CALLS_PER_USER = 5;
const PER_CALL = 2;
const MESSAGES = USERS * CALLS_PER_USER * PER_CALL;
/** Statements per episode: claim (2), inputs, apply (lock 2, resolve, facts, finish, summaries 2), the poll. */
const MAX_STATEMENTS_PER_EPISODE = 15;

const city = (index: number): string => `City${String.fromCharCode(65 + index)}`;

async function inPool(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await work(index);
      }
    }),
  );
}

describe("ingestion of 1,000 messages of 100 users", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ingest: { concurrency: 4 } });
  });
  afterAll(() => t.close());

  it("processes every message, in order per user, with no duplicate fact and a bounded number of statements", async () => {
    const prefix = uniqueId("bulk");
    const threads: string[] = [];
    await inPool(USERS, 4, async (i) => {
      const userId = `${prefix}-${i}`;
      const added = await t.execute(`mutation($u: ID!) { addUser(input: { userId: $u, firstName: "User", lastName: "${i}" }) { uuid } }`, { u: userId });
      expect(added.errors).toBeUndefined();
      const thread = await t.execute(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { threadId } }`, { t: `${userId}-t`, u: userId });
      expect(thread.errors).toBeUndefined();
      threads[i] = `${userId}-t`;
    });

    const { total } = await t.countStatements(async () => {
      // Each user's calls one after another, users side by side: message k of every user says "I moved to City<k>".
      await inPool(USERS, 4, async (i) => {
        for (let call = 0; call < CALLS_PER_USER; call += 1) {
          const messages = Array.from({ length: PER_CALL }, (_, j) => ({ role: "USER", content: `I moved to ${city(call * PER_CALL + j)}.` }));
          const result = await t.execute(`mutation($t: ID!, $m: [MessageInput!]!) { addMessages(threadId: $t, messages: $m) { messageUuids } }`, {
            t: threads[i],
            m: messages,
          });
          expect(result.errors).toBeUndefined();
        }
      });
      await eventually(
        "every message is processed",
        async () => {
          const [row] = await t.cypher(`MATCH (e:Pending {projectId: $p}) RETURN count(e) AS n`, { p: t.projectId });
          return row?.n === 0;
        },
        3000,
      );
    });
    const statementsPerEpisode = total / MESSAGES;
    expect(statementsPerEpisode).toBeLessThan(MAX_STATEMENTS_PER_EPISODE);

    // In order per user: the order of processing (processedSeq) is the order of recording (ingestSeq).
    const orders = await t.cypher(
      `MATCH (e:Episodic {projectId: $p})
       WITH e.groupId AS groupId, e ORDER BY e.ingestSeq
       RETURN groupId, collect(e.processedSeq) AS processed, collect(e.ingestState) AS states`,
      { p: t.projectId },
    );
    expect(orders).toHaveLength(USERS);
    for (const order of orders) {
      expect(order.states).toEqual(Array(CALLS_PER_USER * PER_CALL).fill("DONE"));
      expect(order.processed).toEqual(Array.from({ length: CALLS_PER_USER * PER_CALL }, (_, k) => k + 1));
    }

    // No fact twice: one fact per (nodes, name, sentence); the last city is the only valid home.
    const [duplicates] = await t.cypher(
      `MATCH (s:Entity {projectId: $p})-[f:RELATES_TO]->(o:Entity)
       WITH s, o, f.name AS name, toLower(f.fact) AS fact, count(f) AS copies
       WHERE copies > 1
       RETURN count(*) AS n`,
      { p: t.projectId },
    );
    expect(duplicates?.n).toBe(0);
    const homes = await t.cypher(
      `MATCH (s:Entity {projectId: $p})-[f:RELATES_TO {name: 'LIVES_IN'}]->(o:Entity)
       WITH s, count(f) AS all, collect(CASE WHEN f.expiredAt IS NULL THEN o.name END) AS valid
       RETURN all, valid`,
      { p: t.projectId },
    );
    expect(homes).toHaveLength(USERS);
    for (const home of homes) expect(home).toEqual({ all: CALLS_PER_USER * PER_CALL, valid: [city(CALLS_PER_USER * PER_CALL - 1)] });
    // Bounded by the polls above, not by a clock: a slow machine takes longer, never fails for it.
  }, 15 * 60_000);
});
