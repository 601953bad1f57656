import { uniqueId } from "../support/testApp";
import { useZepApp } from "../support/zep";

// What a deletion through the REST door leaves behind, checked apart from the GraphQL tests of the same
// rules: in Neo4j itself, and through the reads a Zep application makes afterwards.

describe("REST deletions follow through the graph", () => {
  const app = useZepApp();

  async function graphUser(label: string): Promise<{ userId: string; uuid: string }> {
    const userId = uniqueId(label);
    const user = await app.zep.user.add({ userId, email: `${userId}@example.com`, firstName: "Nina", lastName: "Vale" });
    return { userId, uuid: user.uuid as string };
  }

  /** The summaries Neo4j holds for nodes, by name. */
  async function storedSummaries(groupId: string): Promise<Record<string, string>> {
    const rows = await app.t.cypher(`MATCH (n:Entity {projectId: $p, groupId: $g}) RETURN n.name AS name, n.summary AS summary`, {
      p: app.t.projectId,
      g: groupId,
    });
    return Object.fromEntries(rows.map((row) => [row.name, row.summary]));
  }

  it("graph.edge.delete takes the fact out of the stored summaries of both its nodes and leaves the other facts in", async () => {
    const { userId, uuid } = await graphUser("del-fact");
    const triple = (fact: string, factName: string) =>
      app.zep.graph.addFactTriple({ userId, sourceNodeName: "Nina Vale", targetNodeName: "Harbour Office", fact, factName });
    await triple("Nina Vale manages the Harbour Office.", "MANAGES");
    const gone = await triple("Nina Vale audits the Harbour Office.", "AUDITS");
    const before = await storedSummaries(uuid);
    for (const name of ["Nina Vale", "Harbour Office"]) expect(before[name]).toContain("Nina Vale audits the Harbour Office.");

    await app.zep.graph.edge.delete(gone.edge?.uuid as string);

    const after = await storedSummaries(uuid);
    for (const name of ["Nina Vale", "Harbour Office"]) {
      expect(after[name]).not.toContain("audits");
      expect(after[name]).toContain("Nina Vale manages the Harbour Office.");
    }
    expect((await app.zep.user.getNode(userId)).node?.summary).toBe(after["Nina Vale"]);
    expect((await app.zep.graph.node.get(gone.targetNode?.uuid as string)).summary).toBe(after["Harbour Office"]);
  });

  it("thread.delete removes the thread's message episodes, and only those", async () => {
    const { userId, uuid } = await graphUser("del-thread");
    const threadId = uniqueId("del-thread-t");
    await app.zep.thread.create({ threadId, userId });
    await app.zep.thread.addMessages(threadId, {
      messages: [
        { role: "user", content: "Nina asks about the ferry." },
        { role: "assistant", content: "The ferry leaves at nine." },
      ],
    });
    const kept = await app.zep.graph.add({ userId, type: "text", data: "Nina Vale renewed her ferry pass." });
    const [before] = await app.t.cypher(`MATCH (e:Episodic {projectId: $p, threadId: $t}) RETURN count(e) AS n`, { p: app.t.projectId, t: threadId });
    expect(before?.n).toBe(2);

    await app.zep.thread.delete(threadId);

    const left = await app.t.cypher(`MATCH (e:Episodic {projectId: $p, groupId: $g}) RETURN e.uuid AS uuid, e.threadId AS threadId`, {
      p: app.t.projectId,
      g: uuid,
    });
    expect(left).toEqual([{ uuid: kept.uuid, threadId: null }]);
    const { episodes } = await app.zep.graph.episode.getByUserId(userId, { lastn: 100 });
    expect(episodes?.map((episode) => episode.uuid)).toEqual([kept.uuid]);
    const found = await app.zep.graph.search({ userId, query: "ferry", scope: "episodes" });
    expect(found.episodes?.map((episode) => episode.uuid)).toEqual([kept.uuid]);
  });
});
