import { leaveTombstone } from "../support/deletion";
import { addData, addFact, addGraphUser, addMessages, createThread } from "../support/graph";
import { type TestApp, startTestApp } from "../support/testApp";

// TestApp.close() deletes what its test wrote, so that a run leaves the shared Neo4j as it found it.
// An observer app in a project of its own reads the database after the app under test has closed.

describe("TestApp.close()", () => {
  let observer: TestApp;
  beforeAll(async () => {
    observer = await startTestApp();
  });
  afterAll(() => observer.close());

  async function projectNodes(projectId: string): Promise<number> {
    const [row] = await observer.cypher(`MATCH (n {projectId: $p}) RETURN count(n) AS n`, { p: projectId });
    return row?.n;
  }

  /** The project's nodes of the user's world, leaving out the start-up's bookkeeping (counters, backfill markers). */
  async function worldNodes(projectId: string): Promise<number> {
    const [row] = await observer.cypher(
      `MATCH (n {projectId: $p}) WHERE NOT n:Counter AND NOT n:Backfill AND NOT n:UserBackfill RETURN count(n) AS n`,
      { p: projectId },
    );
    return row?.n;
  }

  /** A project holding every kind of node the service writes: users, nodes, facts, episodes, threads, messages, a tombstone. */
  async function fillProject(t: TestApp): Promise<void> {
    const jane = await addGraphUser(t, "cleanup");
    await addFact(t, jane.userId, { sourceNodeName: jane.fullName, targetNodeName: "Acme", fact: "Jane Roe works at Acme.", factName: "WORKS_AT" });
    await addData(t, jane.userId, { type: "TEXT", data: "Jane Roe renewed at Acme." });
    await addMessages(t, await createThread(t, jane.userId), ["hello", "hi"]);
    const leaving = await addGraphUser(t, "cleanup-leaving");
    await leaveTombstone(t, leaving.userId);
  }

  it("deletes every node of its project, of every kind the service writes, and their relationships", async () => {
    const t = await startTestApp();
    await fillProject(t);
    const [kinds] = await t.cypher<{ labels: string[] }>(
      `MATCH (n {projectId: $p}) UNWIND labels(n) AS label RETURN collect(DISTINCT label) AS labels`,
      { p: t.projectId },
    );
    expect(kinds?.labels).toEqual(expect.arrayContaining(["DeletedUser", "Entity", "Episodic", "Message", "Thread", "User"]));
    await t.close();
    expect(await projectNodes(t.projectId)).toBe(0);
    const [facts] = await observer.cypher(`MATCH ()-[r {projectId: $p}]->() RETURN count(r) AS n`, { p: t.projectId });
    expect(facts?.n).toBe(0);
  });

  it("leaves the project to the app that made it when a second app is started over it", async () => {
    const owner = await startTestApp();
    await addGraphUser(owner, "owned");
    const restarted = await startTestApp({ projectId: owner.projectId });
    await restarted.close();
    expect(await worldNodes(owner.projectId)).toBe(2);
    await owner.close();
    expect(await projectNodes(owner.projectId)).toBe(0);
  });

  it("deletes a project larger than one clean-up batch", async () => {
    const t = await startTestApp();
    const users = Array.from({ length: 1100 }, (_, i) => ({ userId: `bulk-${i}` }));
    // Written directly, as a fixture: 1,100 users through the API would cost minutes, and close() deletes by projectId alone.
    await t.cypher(`UNWIND $users AS user CREATE (:User {projectId: $p, userId: user.userId})`, { p: t.projectId, users });
    expect(await worldNodes(t.projectId)).toBe(1100);
    await t.close();
    expect(await projectNodes(t.projectId)).toBe(0);
  });
});
