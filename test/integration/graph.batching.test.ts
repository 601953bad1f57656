import { type TestApp, startTestApp } from "../support/testApp";
import { type GraphUser, addFact, addGraphUser } from "../support/graph";

// A page of graph nodes with their facts and the facts' nodes costs the same statements whatever the
// graph's size: every per-node lookup is batched into one statement per request.

const NODES_WITH_FACTS = `query($u: ID!) { user(userId: $u) { graphNodes(first: 50) { totalCount edges { node {
  uuid name facts { totalCount edges { node { fact source { name } target { name } } } } } } } } }`;

describe("graph loaders", () => {
  let t: TestApp;
  let small: GraphUser;
  let large: GraphUser;

  /** A star around the user node, and a ring through the other nodes: each node has facts both ways. */
  async function graphOf(user: GraphUser, size: number): Promise<void> {
    const names = Array.from({ length: size }, (_, i) => `Thing ${i}`);
    for (const [i, name] of names.entries()) {
      await addFact(t, user.userId, { sourceNodeName: user.fullName, targetNodeName: name, fact: `Jane Roe uses ${name}.`, factName: "USES" });
      const next = names[(i + 1) % size] as string;
      await addFact(t, user.userId, { sourceNodeName: name, targetNodeName: next, fact: `${name} feeds ${next}.`, factName: "FEEDS" });
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    small = await addGraphUser(t, "gb-small");
    large = await addGraphUser(t, "gb-large");
    await graphOf(small, 2);
    await graphOf(large, 30);
  });
  afterAll(() => t.close());

  it("reads graph nodes with their facts and the facts' nodes in the same statements for 3 nodes or 31", async () => {
    const few = await t.countStatements(() => t.execute(NODES_WITH_FACTS, { u: small.userId }));
    const many = await t.countStatements(() => t.execute(NODES_WITH_FACTS, { u: large.userId }));
    expect(few.result.errors).toBeUndefined();
    expect(many.result.errors).toBeUndefined();
    expect(few.result.data?.user.graphNodes.edges).toHaveLength(3);
    expect(many.result.data?.user.graphNodes.edges).toHaveLength(31);

    expect(many.byQuery).toEqual(few.byQuery);
    expect(many.total).toBe(few.total);
    // Each lookup (the user, the page of nodes, their facts, the facts' nodes) is one statement.
    expect(Object.values(many.byQuery).every((count) => count === 1)).toBe(true);
    expect(Object.keys(many.byQuery).length).toBeGreaterThanOrEqual(2);
  });

  it("gives each node of the batch its own facts", async () => {
    const result = await t.execute(NODES_WITH_FACTS, { u: large.userId });
    const nodes = result.data?.user.graphNodes.edges.map((e: any) => e.node);
    const byName = new Map<string, any>(nodes.map((node: any) => [node.name, node]));
    expect(byName.get("Jane Roe").facts.totalCount).toBe(30);
    expect(byName.get("Jane Roe").facts.edges).toHaveLength(20);
    const thing7 = byName.get("Thing 7");
    expect(thing7.facts.totalCount).toBe(3);
    expect(thing7.facts.edges.map((e: any) => e.node.fact).sort()).toEqual(["Jane Roe uses Thing 7.", "Thing 6 feeds Thing 7.", "Thing 7 feeds Thing 8."]);
    const sourceTarget = thing7.facts.edges.map((e: any) => `${e.node.source.name} -> ${e.node.target.name}`).sort();
    expect(sourceTarget).toEqual(["Jane Roe -> Thing 7", "Thing 6 -> Thing 7", "Thing 7 -> Thing 8"]);
  });
});
