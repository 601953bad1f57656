import { Zep } from "@getzep/zep-cloud";
import { uniqueId } from "../support/testApp";
import { failure, messageOf, useZepApp } from "../support/zep";

// Zep's Graph API over /api/v2 for users' graphs, driven by the official TypeScript SDK.

describe("REST graph, through the Zep SDK", () => {
  const app = useZepApp();
  const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 3));

  async function graphUser(label: string): Promise<{ userId: string; uuid: string; email: string; nodeUuid: string }> {
    const userId = uniqueId(label);
    const email = `${userId}@example.com`;
    const user = await app.zep.user.add({ userId, email, firstName: "Jane", lastName: "Roe" });
    const { node } = await app.zep.user.getNode(userId);
    return { userId, uuid: user.uuid as string, email, nodeUuid: node?.uuid as string };
  }

  async function fact(userId: string, source: string, target: string, sentence: string, name = "RELATES_TO") {
    const added = await app.zep.graph.addFactTriple({ userId, sourceNodeName: source, targetNodeName: target, fact: sentence, factName: name });
    await tick();
    return added;
  }

  it("graph.add records text and JSON data as episodes of the user's graph", async () => {
    const { userId, uuid } = await graphUser("add");
    const text = await app.zep.graph.add({ userId, type: "text", data: "Jane Roe renewed the pro plan.", sourceDescription: "billing" });
    expect(text).toMatchObject({ content: "Jane Roe renewed the pro plan.", source: "text", sourceDescription: "billing" });
    expect(text.createdAt).toMatch(/\.\d{3}Z$/);
    const json = await app.zep.graph.add({ userId, type: "json", data: JSON.stringify({ plan: "pro" }) });
    expect(json.source).toBe("json");
    const rows = await app.t.cypher(`MATCH (e:Episodic {groupId: $g}) RETURN e.uuid AS uuid, e.source AS source ORDER BY e.createdAt`, { g: uuid });
    expect(rows).toEqual([
      { uuid: text.uuid, source: "TEXT" },
      { uuid: json.uuid, source: "JSON" },
    ]);
  });

  it("graph.add applies addData's rules and refuses what usergraph does not do", async () => {
    const { userId } = await graphUser("addr");
    const invalid = await failure(app.zep.graph.add({ userId, type: "json", data: "{nope" }));
    expect(invalid).toBeInstanceOf(Zep.BadRequestError);
    expect(messageOf(invalid)).toMatch(/^data is not valid JSON: /);
    const message = await failure(app.zep.graph.add({ userId, type: "message", data: "hi" }));
    expect(message).toBeInstanceOf(Zep.BadRequestError);
    expect(messageOf(message)).toBe("graph.add takes type TEXT or JSON; MESSAGE episodes come from their own mutations");
    const graph = await failure(app.zep.graph.add({ graphId: "team", type: "text", data: "hi" }));
    expect(messageOf(graph)).toBe(
      "graph_id (standalone graphs; usergraph keeps one graph per user, addressed by user_id) is not supported by usergraph",
    );
    const dated = await failure(app.zep.graph.add({ userId, type: "text", data: "hi", createdAt: "2026-01-01T00:00:00Z" }));
    expect(messageOf(dated)).toBe("created_at (back-dating data; episodes are dated when added) is not supported by usergraph");
    const unknown = await failure(app.zep.graph.add({ userId: `${userId}-nope`, type: "text", data: "hi" }));
    expect(unknown.statusCode).toBe(404);
  });

  it("graph.addFactTriple adds the fact with both nodes, and the user node's summary follows", async () => {
    const { userId, email, nodeUuid } = await graphUser("fact");
    const added = await app.zep.graph.addFactTriple({
      userId,
      sourceNodeName: email,
      targetNodeName: "Acme",
      fact: "Jane Roe works at Acme",
      factName: "works at",
      validAt: "2025-01-01T00:00:00Z",
      targetNodeSummary: "A maker of anvils",
    });
    expect(added.edge).toMatchObject({
      name: "WORKS_AT",
      fact: "Jane Roe works at Acme",
      sourceNodeUuid: nodeUuid,
      validAt: "2025-01-01T00:00:00.000Z",
    });
    expect(added.sourceNode).toMatchObject({ uuid: nodeUuid, labels: ["Entity", "User"] });
    expect(added.sourceNode?.summary).toContain("Jane Roe works at Acme.");
    expect(added.targetNode).toMatchObject({ uuid: added.edge?.targetNodeUuid, name: "Acme" });
    const [row] = await app.t.cypher(`MATCH ()-[f:RELATES_TO {uuid: $u}]->() RETURN f.fact AS fact`, { u: added.edge?.uuid });
    expect(row?.fact).toBe("Jane Roe works at Acme");
    expect((await app.zep.user.getNode(userId)).node?.summary).toContain("Jane Roe works at Acme.");
  });

  it("graph.addFactTriple applies addFactTriple's rules, in REST names", async () => {
    const { userId } = await graphUser("factr");
    const backwards = await failure(
      app.zep.graph.addFactTriple({
        userId,
        sourceNodeName: "Jane Roe",
        targetNodeName: "Acme",
        fact: "Jane Roe worked at Acme",
        factName: "WORKED_AT",
        validAt: "2025-01-01T00:00:00Z",
        invalidAt: "2024-01-01T00:00:00Z",
      }),
    );
    expect(backwards).toBeInstanceOf(Zep.BadRequestError);
    expect(messageOf(backwards)).toBe("invalid_at (2024-01-01T00:00:00.000Z) is before valid_at (2025-01-01T00:00:00.000Z)");
    const blank = await failure(app.zep.graph.addFactTriple({ userId, sourceNodeName: " ", targetNodeName: "Acme", fact: "x", factName: "X" }));
    expect(messageOf(blank)).toBe("source_node_name must not be blank");
    const byUuid = await failure(app.zep.graph.addFactTriple({ userId, sourceNodeUuid: "some-uuid", targetNodeName: "Acme", fact: "x", factName: "X" }));
    expect(messageOf(byUuid)).toBe("source_node_uuid (naming a node by uuid; name it by source_node_name) is not supported by usergraph");
    const unknown = await failure(
      app.zep.graph.addFactTriple({ userId: `${userId}-nope`, sourceNodeName: "A", targetNodeName: "B", fact: "A knows B", factName: "KNOWS" }),
    );
    expect(unknown.statusCode).toBe(404);
    expect(messageOf(unknown)).toBe(`no user with user_id "${userId}-nope"`);
  });

  it("graph.search finds edges, nodes and episodes, and reranks by node distance", async () => {
    const { userId, nodeUuid } = await graphUser("search");
    await fact(userId, "Jane Roe", "Acme", "Jane Roe works at Acme as an engineer", "WORKS_AT");
    const far = await fact(userId, "Acme", "Zurich", "Acme has an engineer office in Zurich", "HAS_OFFICE_IN");
    await app.zep.graph.add({ userId, type: "text", data: "The engineer team met in Zurich." });

    const edges = await app.zep.graph.search({ userId, query: "engineer", limit: 5 });
    expect(edges.edges?.map((edge) => edge.fact).sort()).toEqual(["Acme has an engineer office in Zurich", "Jane Roe works at Acme as an engineer"]);
    expect(edges.edges?.every((edge) => typeof edge.score === "number")).toBe(true);
    expect(edges).toMatchObject({ nodes: [], episodes: [] });

    const nodes = await app.zep.graph.search({ userId, query: "Zurich", scope: "nodes" });
    expect(nodes.nodes?.map((node) => node.name)).toContain("Zurich");
    const episodes = await app.zep.graph.search({ userId, query: "team", scope: "episodes" });
    expect(episodes.episodes?.map((episode) => episode.content)).toEqual(["The engineer team met in Zurich."]);

    const reranked = await app.zep.graph.search({ userId, query: "engineer", reranker: "node_distance", centerNodeUuid: far.edge?.targetNodeUuid });
    expect(reranked.edges?.[0]?.fact).toBe("Acme has an engineer office in Zurich");
    const fromUser = await app.zep.graph.search({ userId, query: "engineer", reranker: "node_distance", centerNodeUuid: nodeUuid });
    expect(fromUser.edges?.[0]?.fact).toBe("Jane Roe works at Acme as an engineer");
    expect(fromUser.edges?.[0]?.score).toBe(1);
  });

  it("graph.search refuses what usergraph does not do and applies searchGraph's rules", async () => {
    const { userId } = await graphUser("searchr");
    const mmr = await failure(app.zep.graph.search({ userId, query: "x", reranker: "mmr" }));
    expect(mmr).toBeInstanceOf(Zep.BadRequestError);
    expect(messageOf(mmr)).toBe('reranker "mmr" is not supported by usergraph');
    expect(messageOf(await failure(app.zep.graph.search({ userId, query: "x", scope: "auto" })))).toBe('scope "auto" is not supported by usergraph');
    expect(messageOf(await failure(app.zep.graph.search({ userId, query: "x", reranker: "node_distance" })))).toBe(
      "reranker node_distance needs center_node_uuid",
    );
    expect(messageOf(await failure(app.zep.graph.search({ userId, query: "x", searchFilters: { nodeLabels: ["Person"] } })))).toBe(
      "search_filters (search filters) is not supported by usergraph",
    );
    expect(messageOf(await failure(app.zep.graph.search({ userId, query: "x", limit: 51 })))).toBe("limit must be between 1 and 50; got 51");
    expect(messageOf(await failure(app.zep.graph.search({ userId, query: " " })))).toBe("query must not be blank");
    const foreign = await failure(app.zep.graph.search({ userId, query: "x", reranker: "node_distance", centerNodeUuid: "not-a-node" }));
    expect(foreign.statusCode).toBe(404);
    expect(messageOf(await failure(app.zep.graph.search({ userId: `${userId}-nope`, query: "x" })))).toBe(`no user with user_id "${userId}-nope"`);
  });

  it("graph.node.get reads a node; an unknown one raises NotFoundError", async () => {
    const { nodeUuid } = await graphUser("node");
    expect(await app.zep.graph.node.get(nodeUuid)).toMatchObject({ uuid: nodeUuid, name: "Jane Roe", labels: ["Entity", "User"] });
    const error = await failure(app.zep.graph.node.get("no-such-node"));
    expect(error).toBeInstanceOf(Zep.NotFoundError);
    expect(error.body).toEqual({ message: 'no node with uuid "no-such-node"' });
  });

  it("graph.node.getEdges lists every fact of the node, invalidated ones too, newest first", async () => {
    const { userId, nodeUuid } = await graphUser("edges");
    const first = await fact(userId, "Jane Roe", "Acme", "Jane Roe works at Acme");
    const second = await fact(userId, "Bob", "Jane Roe", "Bob mentors Jane Roe");
    await fact(userId, "Bob", "Acme", "Bob works at Acme");
    const invalidated = await app.t.execute(`mutation($id: ID!) { invalidateFact(uuid: $id) { uuid } }`, { id: first.edge?.uuid });
    expect(invalidated.errors).toBeUndefined();

    const edges = await app.zep.graph.node.getEdges(nodeUuid);
    expect(edges.map((edge) => edge.uuid)).toEqual([second.edge?.uuid, first.edge?.uuid]);
    expect(edges[1]?.invalidAt).toBeDefined();
    const response = await fetch(`${app.base}/graph/node/${nodeUuid}/edges`);
    expect(((await response.json()) as { uuid: string }[]).map((edge) => edge.uuid)).toEqual(edges.map((edge) => edge.uuid));
    expect((await failure(app.zep.graph.node.getEdges("no-such-node"))).statusCode).toBe(404);
  });

  it("graph.node.getByUserId pages the user's nodes newest first, by uuid_cursor or by the Zep-Next-Cursor header", async () => {
    const { userId, nodeUuid } = await graphUser("nodes");
    await fact(userId, "Jane Roe", "Acme", "Jane Roe works at Acme");
    await fact(userId, "Jane Roe", "Lisbon", "Jane Roe lives in Lisbon");
    const all = await app.zep.graph.node.getByUserId(userId, { limit: 10 });
    expect(all.map((node) => node.name)).toEqual(["Lisbon", "Acme", "Jane Roe"]);
    expect(all[2]?.uuid).toBe(nodeUuid);

    const first = await app.zep.graph.node.getByUserId(userId, { limit: 2 }).withRawResponse();
    expect(first.data.map((node) => node.name)).toEqual(["Lisbon", "Acme"]);
    const next = first.rawResponse.headers.get("zep-next-cursor");
    expect(next).toBeTruthy();
    expect((await app.zep.graph.node.getByUserId(userId, { limit: 2, cursor: next as string })).map((node) => node.name)).toEqual(["Jane Roe"]);
    const byUuid = await app.zep.graph.node.getByUserId(userId, { limit: 2, uuidCursor: first.data[1]?.uuid }).withRawResponse();
    expect(byUuid.data.map((node) => node.name)).toEqual(["Jane Roe"]);
    expect(byUuid.rawResponse.headers.get("zep-next-cursor")).toBeNull();

    expect(messageOf(await failure(app.zep.graph.node.getByUserId(userId, { limit: 0 })))).toBe("limit must be between 1 and 100; got 0");
    expect(messageOf(await failure(app.zep.graph.node.getByUserId(userId, { cursor: "nonsense" })))).toBe(
      'cursor is not a cursor this connection issued: "nonsense"',
    );
    expect(messageOf(await failure(app.zep.graph.node.getByUserId(userId, { uuidCursor: "no-such-node" })))).toBe(
      'uuid_cursor "no-such-node" names nothing in this project',
    );
    expect(messageOf(await failure(app.zep.graph.node.getByUserId(userId, { orderBy: "degree" })))).toBe(
      "order_by (ordering graph lists by anything but created_at) is not supported by usergraph",
    );
    expect((await failure(app.zep.graph.node.getByUserId(`${userId}-nope`, {}))).statusCode).toBe(404);
  });

  it("graph.edge.getByUserId pages every fact of the user's graph newest first", async () => {
    const { userId } = await graphUser("facts");
    const a = await fact(userId, "Jane Roe", "Acme", "Jane Roe works at Acme");
    const b = await fact(userId, "Acme", "Zurich", "Acme is based in Zurich");
    const c = await fact(userId, "Bob", "Carol", "Bob knows Carol");
    const other = await graphUser("facts-other");
    await fact(other.userId, "Jane Roe", "Acme", "Jane Roe works at Acme");

    const all = await app.zep.graph.edge.getByUserId(userId, {});
    expect(all.map((edge) => edge.uuid)).toEqual([c.edge?.uuid, b.edge?.uuid, a.edge?.uuid]);
    const page = await app.zep.graph.edge.getByUserId(userId, { limit: 2, uuidCursor: c.edge?.uuid });
    expect(page.map((edge) => edge.uuid)).toEqual([b.edge?.uuid, a.edge?.uuid]);
    const first = await app.zep.graph.edge.getByUserId(userId, { limit: 2 }).withRawResponse();
    const rest = await app.zep.graph.edge.getByUserId(userId, { limit: 2, cursor: first.rawResponse.headers.get("zep-next-cursor") as string });
    expect(rest.map((edge) => edge.uuid)).toEqual([a.edge?.uuid]);
    expect((await failure(app.zep.graph.edge.getByUserId(`${userId}-nope`, {}))).statusCode).toBe(404);
  });

  it("graph.edge.get and graph.edge.delete read and remove one fact", async () => {
    const { userId } = await graphUser("edge");
    const added = await fact(userId, "Jane Roe", "Acme", "Jane Roe works at Acme");
    const uuid = added.edge?.uuid as string;
    expect(await app.zep.graph.edge.get(uuid)).toEqual(added.edge);
    expect((await app.zep.graph.edge.delete(uuid)).message).toBe(`fact "${uuid}" was deleted`);
    const [row] = await app.t.cypher(`OPTIONAL MATCH ()-[f:RELATES_TO {uuid: $u}]->() RETURN count(f) AS n`, { u: uuid });
    expect(row?.n).toBe(0);
    expect(await failure(app.zep.graph.edge.get(uuid))).toBeInstanceOf(Zep.NotFoundError);
    expect(await failure(app.zep.graph.edge.delete(uuid))).toBeInstanceOf(Zep.NotFoundError);
  });

  it("graph.episode.getByUserId returns the lastn episodes, newest first", async () => {
    const { userId } = await graphUser("eps");
    for (const data of ["one", "two", "three"]) {
      await app.zep.graph.add({ userId, type: "text", data });
      await tick();
    }
    const { episodes } = await app.zep.graph.episode.getByUserId(userId, { lastn: 2 });
    expect(episodes?.map((episode) => episode.content)).toEqual(["three", "two"]);
    expect((await app.zep.graph.episode.getByUserId(userId)).episodes).toHaveLength(3);
    const error = await failure(app.zep.graph.episode.getByUserId(userId, { lastn: 101 }));
    expect(error).toBeInstanceOf(Zep.BadRequestError);
    expect(messageOf(error)).toBe("lastn must be between 1 and 100; got 101");
    expect((await failure(app.zep.graph.episode.getByUserId(`${userId}-nope`))).statusCode).toBe(404);
  });
});
