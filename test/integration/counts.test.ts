import { addFact, addGraphUser } from "../support/graph";
import { type TestApp, errorCodes, startTestApp, uniqueId } from "../support/testApp";
import { serveForZep } from "../support/zep";

// Totals cost nothing unless asked for, and are exact when they are: the pages never count, the totals come
// from separate statements (relationship degrees, the project's striped thread counter), which stay right
// under concurrent writes.

/** The statements that count: only a selected totalCount (or a REST total) may send them. */
const COUNTS = ["thread.count-by-user-uuids", "entity.count-by-users", "fact.count-by-nodes", "counter.sum"];

const pages = (withTotals: boolean): string => {
  const total = withTotals ? "totalCount" : "";
  return `query($u: ID!) {
    user(userId: $u) {
      threads(first: 2) { ${total} edges { node { threadId messages(first: 2) { ${total} edges { node { content } } } } } }
      graphNodes(first: 2) { ${total} edges { node { uuid facts(first: 2) { ${total} edges { node { uuid } } } } } }
    }
    threadsOrdered(pageSize: 2) { ${total} threads { threadId } }
  }`;
};

describe("totals", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());


  it("a page without totalCount sends no count statement; each selected totalCount sends one, batched", async () => {
    const jane = await addGraphUser(t, "ct");
    await addFact(t, jane.userId, { sourceNodeName: jane.fullName, targetNodeName: "Tea", fact: "Jane drinks tea.", factName: "DRINKS" });
    for (const i of [1, 2, 3]) {
      await t.data(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { threadId } }`, { t: `${jane.userId}-${i}`, u: jane.userId });
      await t.data(`mutation($t: ID!) { addMessages(threadId: $t, messages: [{ role: USER, content: "hi" }]) { messageUuids } }`, { t: `${jane.userId}-${i}` });
    }

    const without = await t.countStatements(() => t.execute(pages(false), { u: jane.userId }));
    expect(without.result.errors).toBeUndefined();
    expect(Object.keys(without.byQuery).filter((name) => COUNTS.includes(name))).toEqual([]);

    const withTotals = await t.countStatements(() => t.execute(pages(true), { u: jane.userId }));
    expect(withTotals.result.errors).toBeUndefined();
    const user = withTotals.result.data?.user;
    expect(user.threads.totalCount).toBe(3);
    expect(user.threads.edges.map((edge: any) => edge.node.messages.totalCount)).toEqual([1, 1]);
    expect(user.graphNodes.totalCount).toBe(2);
    expect(user.graphNodes.edges.map((edge: any) => edge.node.facts.totalCount)).toEqual([1, 1]);
    expect(withTotals.result.data?.threadsOrdered.totalCount).toBe(3);
    // Two nodes' facts are counted in one statement; messages are counted by the thread records.
    expect(Object.fromEntries(Object.entries(withTotals.byQuery).filter(([name]) => COUNTS.includes(name)))).toEqual(
      Object.fromEntries(COUNTS.map((name) => [name, 1])),
    );
  });

  it("threadsOrdered, REST total_count, threadCount and the users' totals stay exact under concurrent createThread, deleteThread and deleteUser", async () => {
    const { base } = await serveForZep(t);
    const users = Array.from({ length: 6 }, () => uniqueId("cc"));
    for (const userId of users) await t.data(`mutation($id: ID!) { addUser(input: { userId: $id }) { uuid } }`, { id: userId });
    const create = (threadId: string, userId: string) =>
      t.execute(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { threadId } }`, { t: threadId, u: userId });
    // Every user gets 8 threads, each asked for twice at once: one of each pair is refused.
    const created = await Promise.all(users.flatMap((userId) => Array.from({ length: 16 }, (_, i) => create(`${userId}-${i % 8}`, userId))));
    expect(created.filter((result) => !result.errors)).toHaveLength(48);
    expect(created.flatMap(errorCodes).filter((code) => code === "THREAD_ALREADY_EXISTS")).toHaveLength(48);

    // At once: two users go, three threads of others go (one of them twice), and new threads are asked for
    // both for users that stay and for the users being deleted.
    const [gone1, gone2, stay0, stay1, stay2, stay3] = users as [string, string, string, string, string, string];
    const stay = [stay0, stay1, stay2, stay3];
    const [deleted1, deleted2] = await Promise.all([
      t.execute(`mutation($id: ID!) { deleteUser(userId: $id) { deletedThreads } }`, { id: gone1 }),
      t.execute(`mutation($id: ID!) { deleteUser(userId: $id) { deletedThreads } }`, { id: gone2 }),
      ...[`${stay0}-1`, `${stay1}-2`, `${stay1}-2`, `${stay2}-3`].map((id) =>
        t.execute(`mutation($id: ID!) { deleteThread(threadId: $id) { deletedMessages } }`, { id }),
      ),
      ...[stay0, stay3, gone1, gone2].map((userId, i) => create(`${userId}-new-${i}`, userId)),
    ]);

    // A deletion that failed part-way (as under a starved machine) leaves threads the lists rightly skip:
    // name that failure rather than a count that seems wrong.
    expect([deleted1?.errors, deleted2?.errors]).toEqual([undefined, undefined]);
    const [stored] = await t.cypher(`MATCH (th:Thread {projectId: $p}) RETURN count(th) AS n`, { p: t.projectId });
    const total = (await t.data(`{ threadsOrdered(pageSize: 1) { totalCount } }`, {})).threadsOrdered.totalCount;
    expect(total).toBe(stored?.n);
    const zep = (await (await fetch(`${base}/threads?page_size=1`)).json()) as { total_count: number };
    expect(zep.total_count).toBe(stored?.n);
    const listed = (await t.data(`query($s: Int) { threadsOrdered(pageSize: $s) { responseCount } }`, { s: 1000 })).threadsOrdered.responseCount;
    expect(listed).toBe(stored?.n);

    for (const userId of stay) {
      const [degree] = await t.cypher(`MATCH (:User {projectId: $p, userId: $u})-[:HAS_THREAD]->(th) RETURN count(th) AS n`, { p: t.projectId, u: userId });
      const read = (await t.data(`query($u: ID!) { user(userId: $u) { threadCount threads { totalCount } } }`, { u: userId })).user;
      expect(read).toEqual({ threadCount: degree?.n, threads: { totalCount: degree?.n } });
    }
  });
});
