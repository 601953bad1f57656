import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// A user with 20,000 messages deletes in bounded batches and leaves nothing. How long it takes is
// measured by `npm run bench`, not asserted here.

const MESSAGES = 20_000;
const PER_CALL = 30;

describe("deleteUser of a large user", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it(`deletes a user with ${MESSAGES} messages completely`, async () => {
    const userId = uniqueId("large");
    const added = await t.execute(`mutation($id: ID!) { addUser(input: { userId: $id }) { uuid } }`, { id: userId });
    const uuid = added.data?.addUser.uuid;
    const threads = 4;
    for (let i = 0; i < threads; i += 1) {
      await t.execute(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { uuid } }`, { t: `${userId}-${i}`, u: userId });
    }
    const calls = Math.ceil(MESSAGES / PER_CALL);
    const CONCURRENCY = 8;
    for (let start = 0; start < calls; start += CONCURRENCY) {
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, calls - start) }, (_, k) => {
          const call = start + k;
          const count = Math.min(PER_CALL, MESSAGES - call * PER_CALL);
          const messages = Array.from({ length: count }, (_, i) => ({ role: "USER", content: `message ${call * PER_CALL + i}` }));
          return t.execute(`mutation($t: ID!, $m: [MessageInput!]!) { addMessages(threadId: $t, messages: $m) { messageUuids } }`, {
            t: `${userId}-${call % threads}`,
            m: messages,
          });
        }),
      );
    }
    const [before] = await t.cypher(`MATCH (m:Message {projectId: $p, groupId: $uuid}) RETURN count(m) AS n`, { p: t.projectId, uuid });
    expect(before?.n).toBe(MESSAGES);

    const { result, byQuery } = await t.countStatements(() =>
      t.execute(`mutation($id: ID!) { deleteUser(userId: $id) { deletedThreads deletedMessages deletedNodes } }`, { id: userId }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.deleteUser).toEqual({ deletedThreads: threads, deletedMessages: MESSAGES, deletedNodes: 1 });
    // Bounded batches: 20,000 messages took many transactions, not one.
    expect(byQuery["world.delete-messages-batch"]).toBeGreaterThanOrEqual(MESSAGES / 1000);
    const [after] = await t.cypher(`MATCH (n {groupId: $uuid}) RETURN count(n) AS n`, { uuid });
    expect(after?.n).toBe(0);
    // Seeding 20,000 messages through the API is the slow part; the limit is generous for a loaded machine.
  }, 300_000);
});
