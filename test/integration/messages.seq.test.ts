import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { cypherDir } from "../../src/paths";
import { testNeo4jConfig } from "../setup/neo4jEnv";
import { createThread } from "../support/graph";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// cypher/message.add.cypher numbers a thread's messages by itself: the service also holds the user's lock
// (user.lock) when it runs the statement, but the numbering must not depend on it. So these calls run the
// statement straight through the driver, each in its own transaction, with no user lock, as
// src/db/threads.ts would pass its parameters.

const MESSAGE_ADD = readFileSync(path.join(cypherDir, "message.add.cypher"), "utf8");

describe("message.add on its own", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  function addMessages(threadId: string, call: number, count: number) {
    const messages = Array.from({ length: count }, (_, i) => ({
      uuid: randomUUID(),
      role: "USER",
      name: null,
      content: `call ${call} message ${i}`,
      metadata: null,
      createdAt: null,
    }));
    return t.driver.executeQuery(MESSAGE_ADD, { projectId: t.projectId, threadId, messages }, { database: testNeo4jConfig().database });
  }

  it("gives 10 concurrent calls on one thread disjoint, contiguous ranges of seq, with no user lock held", async () => {
    const userId = uniqueId("seq");
    const created = await t.execute(`mutation($id: ID!) { addUser(input: { userId: $id }) { uuid } }`, { id: userId });
    expect(created.errors).toBeUndefined();
    const threadId = await createThread(t, userId);

    const results = await Promise.all(Array.from({ length: 10 }, (_, call) => addMessages(threadId, call, 3)));
    expect(results.map((result) => result.records.length)).toEqual(Array(10).fill(1));

    const rows = await t.cypher(
      `MATCH (th:Thread {projectId: $p, threadId: $t})-[:HAS_MESSAGE]->(m) RETURN m.seq AS seq, m.content AS content, th.nextSeq AS nextSeq ORDER BY seq`,
      { p: t.projectId, t: threadId },
    );
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(rows[0]?.nextSeq).toBe(30);
    // Contiguous: each call's three messages stand together, in the order given.
    for (let start = 0; start < 30; start += 3) {
      const call = rows[start]?.content.split(" ")[1];
      expect(rows.slice(start, start + 3).map((row) => row.content)).toEqual([0, 1, 2].map((i) => `call ${call} message ${i}`));
    }
  });
});
