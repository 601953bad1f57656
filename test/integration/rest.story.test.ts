import { Zep, ZepClient, ZepError } from "@getzep/zep-cloud";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// The whole life of a user, as application code written for Zep lives it, pointed at usergraph by its base
// URL only: remembered, talked to, learned about, searched, and forgotten, after which every door says 404.

describe("a user's life through the Zep SDK, end to end", () => {
  let t: TestApp;
  let zep: ZepClient;
  beforeAll(async () => {
    t = await startTestApp();
    zep = new ZepClient({ apiKey: "test", baseUrl: `http://127.0.0.1:${await t.app.server.listen(0)}/api/v2` });
  });
  afterAll(() => t.close());

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
    const user = await zep.user.add({ userId, email, firstName: "Jane", lastName: "Smith", metadata: { plan: "pro" } });

    const threadId = uniqueId("support");
    await zep.thread.create({ threadId, userId });
    const { messageUuids } = await zep.thread.addMessages(threadId, {
      messages: [
        { role: "user", name: "Jane", content: "Please send the weekly digest to my work address." },
        { role: "assistant", content: "Done: the digest goes to your work address from now on." },
      ],
    });
    expect(messageUuids).toHaveLength(2);

    const { edge } = await zep.graph.addFactTriple({
      userId,
      sourceNodeName: email,
      targetNodeName: "Weekly digest",
      fact: `Jane Smith receives the weekly digest at ${email}`,
      factName: "SUBSCRIBED_TO",
    });
    const { node } = await zep.user.getNode(userId);
    expect(edge?.sourceNodeUuid).toBe(node?.uuid);
    expect(node?.summary).toContain(`Jane Smith receives the weekly digest at ${email}.`);

    const found = await zep.graph.search({ userId, query: "weekly digest" });
    expect(found.edges?.map((hit) => hit.uuid)).toEqual([edge?.uuid]);
    const { context } = await zep.thread.getUserContext(threadId);
    expect(context).toContain(`Jane Smith receives the weekly digest at ${email}`);

    await zep.user.delete(userId);

    const [left] = await t.cypher(
      `RETURN COUNT { (:User {projectId: $p, uuid: $g}) } AS users, COUNT { (:Thread {projectId: $p, groupId: $g}) } AS threads,
         COUNT { (:Message {projectId: $p, groupId: $g}) } AS messages, COUNT { (:Entity {projectId: $p, groupId: $g}) } AS nodes,
         COUNT { (:Episodic {projectId: $p, groupId: $g}) } AS episodes, COUNT { ()-[:RELATES_TO {groupId: $g}]->() } AS facts`,
      { p: t.projectId, g: user.uuid },
    );
    expect(left).toEqual({ users: 0, threads: 0, messages: 0, nodes: 0, episodes: 0, facts: 0 });

    const after = {
      "user.get": zep.user.get(userId),
      "user.update": zep.user.update(userId, { firstName: "J" }),
      "user.getNode": zep.user.getNode(userId),
      "user.getThreads": zep.user.getThreads(userId),
      "user.warm": zep.user.warm(userId),
      "user.delete": zep.user.delete(userId),
      "thread.get": zep.thread.get(threadId),
      "thread.addMessages": zep.thread.addMessages(threadId, { messages: [{ role: "user", content: "hello?" }] }),
      "thread.getUserContext": zep.thread.getUserContext(threadId),
      "thread.delete": zep.thread.delete(threadId),
      "graph.add": zep.graph.add({ userId, type: "text", data: "anything" }),
      "graph.addFactTriple": zep.graph.addFactTriple({ userId, sourceNodeName: "A", targetNodeName: "B", fact: "A knows B", factName: "KNOWS" }),
      "graph.search": zep.graph.search({ userId, query: "digest" }),
      "graph.node.get": zep.graph.node.get(node?.uuid as string),
      "graph.node.getEdges": zep.graph.node.getEdges(node?.uuid as string),
      "graph.node.getByUserId": zep.graph.node.getByUserId(userId, {}),
      "graph.edge.getByUserId": zep.graph.edge.getByUserId(userId, {}),
      "graph.edge.get": zep.graph.edge.get(edge?.uuid as string),
      "graph.edge.delete": zep.graph.edge.delete(edge?.uuid as string),
      "graph.episode.getByUserId": zep.graph.episode.getByUserId(userId),
    };
    const statuses = Object.fromEntries(await Promise.all(Object.entries(after).map(async ([name, call]) => [name, await status(call)])));
    expect(statuses).toEqual(Object.fromEntries(Object.keys(after).map((name) => [name, 404])));
    await expect(zep.user.get(userId)).rejects.toBeInstanceOf(Zep.NotFoundError);
  });
});
