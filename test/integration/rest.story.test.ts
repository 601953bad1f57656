import { Zep, ZepError } from "@getzep/zep-cloud";
import { uniqueId } from "../support/testApp";
import { useZepApp } from "../support/zep";

// The whole life of a user, as application code written for Zep lives it, pointed at usergraph by its base
// URL only: remembered, talked to, learned about, searched, and forgotten, after which every door says 404.

describe("a user's life through the Zep SDK, end to end", () => {
  const app = useZepApp();

  async function status(call: Promise<unknown>): Promise<number | undefined> {
    const error = await call.then(
      () => null,
      (caught: unknown) => caught,
    );
    if (!(error instanceof ZepError)) throw new Error(`expected a ZepError, got ${String(error)}`);
    return error.statusCode;
  }

  it("adds a user, talks, learns a fact about their email, searches, and forgets them everywhere", async () => {
    const userId = uniqueId("jane");
    const email = `${userId}@example.com`;
    const user = await app.zep.user.add({ userId, email, firstName: "Jane", lastName: "Smith", metadata: { plan: "pro" } });

    const threadId = uniqueId("support");
    await app.zep.thread.create({ threadId, userId });
    const { messageUuids } = await app.zep.thread.addMessages(threadId, {
      messages: [
        { role: "user", name: "Jane", content: "Please send the weekly digest to my work address." },
        { role: "assistant", content: "Done: the digest goes to your work address from now on." },
      ],
    });
    expect(messageUuids).toHaveLength(2);

    const { edge } = await app.zep.graph.addFactTriple({
      userId,
      sourceNodeName: email,
      targetNodeName: "Weekly digest",
      fact: `Jane Smith receives the weekly digest at ${email}`,
      factName: "SUBSCRIBED_TO",
    });
    const { node } = await app.zep.user.getNode(userId);
    expect(edge?.sourceNodeUuid).toBe(node?.uuid);
    expect(node?.summary).toContain(`Jane Smith receives the weekly digest at ${email}.`);

    const found = await app.zep.graph.search({ userId, query: "weekly digest" });
    expect(found.edges?.map((hit) => hit.uuid)).toEqual([edge?.uuid]);
    const { context } = await app.zep.thread.getUserContext(threadId);
    expect(context).toContain(`Jane Smith receives the weekly digest at ${email}`);

    await app.zep.user.delete(userId);

    const [left] = await app.t.cypher(
      `RETURN COUNT { (:User {projectId: $p, uuid: $g}) } AS users, COUNT { (:Thread {projectId: $p, groupId: $g}) } AS threads,
         COUNT { (:Message {projectId: $p, groupId: $g}) } AS messages, COUNT { (:Entity {projectId: $p, groupId: $g}) } AS nodes,
         COUNT { (:Episodic {projectId: $p, groupId: $g}) } AS episodes, COUNT { ()-[:RELATES_TO {groupId: $g}]->() } AS facts`,
      { p: app.t.projectId, g: user.uuid },
    );
    expect(left).toEqual({ users: 0, threads: 0, messages: 0, nodes: 0, episodes: 0, facts: 0 });

    const after = {
      "user.get": app.zep.user.get(userId),
      "user.update": app.zep.user.update(userId, { firstName: "J" }),
      "user.getNode": app.zep.user.getNode(userId),
      "user.getThreads": app.zep.user.getThreads(userId),
      "user.warm": app.zep.user.warm(userId),
      "user.delete": app.zep.user.delete(userId),
      "thread.get": app.zep.thread.get(threadId),
      "thread.addMessages": app.zep.thread.addMessages(threadId, { messages: [{ role: "user", content: "hello?" }] }),
      "thread.getUserContext": app.zep.thread.getUserContext(threadId),
      "thread.delete": app.zep.thread.delete(threadId),
      "graph.add": app.zep.graph.add({ userId, type: "text", data: "anything" }),
      "graph.addFactTriple": app.zep.graph.addFactTriple({ userId, sourceNodeName: "A", targetNodeName: "B", fact: "A knows B", factName: "KNOWS" }),
      "graph.search": app.zep.graph.search({ userId, query: "digest" }),
      "graph.node.get": app.zep.graph.node.get(node?.uuid as string),
      "graph.node.getEdges": app.zep.graph.node.getEdges(node?.uuid as string),
      "graph.node.getByUserId": app.zep.graph.node.getByUserId(userId, {}),
      "graph.edge.getByUserId": app.zep.graph.edge.getByUserId(userId, {}),
      "graph.edge.get": app.zep.graph.edge.get(edge?.uuid as string),
      "graph.edge.delete": app.zep.graph.edge.delete(edge?.uuid as string),
      "graph.episode.getByUserId": app.zep.graph.episode.getByUserId(userId),
    };
    const statuses = Object.fromEntries(await Promise.all(Object.entries(after).map(async ([name, call]) => [name, await status(call)])));
    expect(statuses).toEqual(Object.fromEntries(Object.keys(after).map((name) => [name, 404])));
    await expect(app.zep.user.get(userId)).rejects.toBeInstanceOf(Zep.NotFoundError);
  });
});
