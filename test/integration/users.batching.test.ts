import { type TestApp, startTestApp } from "../support/testApp";

describe("per-request loaders", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    for (let batch = 0; batch < 10; batch += 1) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          t.execute(`mutation($id: ID!) { addUser(input: { userId: $id, firstName: "F${i}" }) { uuid } }`, {
            id: `batch-${batch}-${i}`,
          }),
        ),
      );
    }
  });
  afterAll(() => t.close());

  it("reads a page of 100 users with their nodes in one statement: the page brings the nodes along", async () => {
    const { result, total, byQuery } = await t.countStatements(() =>
      t.execute(`{ users(first: 100) { edges { node { userId node { name summary } } } } }`),
    );
    expect(result.errors).toBeUndefined();
    const edges = result.data?.users.edges;
    expect(edges).toHaveLength(100);
    expect(edges.every((edge: any) => edge.node.node.summary.length > 0)).toBe(true);
    expect(byQuery).toEqual({ "user.page-forward": 1 });
    expect(total).toBe(1);
  });

  it("brings the nodes along whatever the query's shape: a fragment, an alias, a later page", async () => {
    const first = await t.execute(`{ users(first: 3) { edges { cursor node { userId node { name summary } } } } }`);
    const cursor = first.data?.users.edges[2].cursor;
    const { result, byQuery } = await t.countStatements(() =>
      t.execute(
        `query($after: String) { users(first: 4, after: $after) { edges { node { ...withNode } } } }
         fragment withNode on User { userId graphNode: node { name summary } }`,
        { after: cursor },
      ),
    );
    expect(byQuery).toEqual({ "user.page-forward-after": 1 });
    // Each node is the one the user's own field gives, read apart.
    for (const { node: user } of result.data?.users.edges ?? []) {
      const alone = await t.data(`query($id: ID!) { user(userId: $id) { node { name summary } } }`, {
        id: user.userId,
      });
      expect(user.graphNode).toEqual(alone.user.node);
    }
  });

  it("reads no node when the query selects none", async () => {
    const { result } = await t.countStatements(() => t.execute(`{ users(first: 2) { edges { node { userId } } } }`));
    expect(result.errors).toBeUndefined();
    // The statement ran without the node: the loader holds nothing, so a node asked afterwards is read.
    const { byQuery } = await t.countStatements(() => t.execute(`{ users(first: 2) { edges { node { node { name } } } } }`));
    expect(byQuery).toEqual({ "user.page-forward": 1 });
  });

  it("usersOrdered with nodes costs the same two statements for 10 or 100 users", async () => {
    const query = `query($s: Int) { usersOrdered(pageSize: $s) { users { node { name } } } }`;
    const small = await t.countStatements(() => t.execute(query, { s: 10 }));
    const large = await t.countStatements(() => t.execute(query, { s: 100 }));
    expect(small.result.data?.usersOrdered.users).toHaveLength(10);
    expect(large.result.data?.usersOrdered.users).toHaveLength(100);
    expect(large.total).toBe(small.total);
    expect(large.byQuery).toEqual({ "user.list-ordered": 1, "user-node.get-by-user-uuids": 1 });
  });
});
