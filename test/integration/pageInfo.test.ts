import { addFact, addGraphUser, addMessages, createThread, tick } from "../support/graph";
import { type TestApp, startTestApp } from "../support/testApp";

// Page info of every connection in schema.graphql, on one-item pages over three items A, B, C (in the
// connection's order): at both ends, in the middle and past each end, forwards (first/after) and, where the
// connection has them, backwards (last/before). hasNextPage means "items follow the page's last edge",
// hasPreviousPage "items precede its first edge", whichever way the page was read; so a page read backwards
// from B's cursor has a next page (B itself), and one read forwards from B's has a previous page.

const PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";

interface Page {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

interface PageArgs {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}

interface ConnectionUnderTest {
  name: string;
  backward: boolean;
  read(args: PageArgs): Promise<Page>;
}

describe("page info on one-item pages", () => {
  let t: TestApp;
  let owner: { userId: string; nodeUuid: string };
  let threadId: string;

  async function read(query: string, variables: Record<string, unknown>, pick: (data: any) => Page): Promise<Page> {
    const result = await t.execute(query, variables);
    expect(result.errors).toBeUndefined();
    return pick(result.data);
  }

  // Each connection's page, its items reduced to an id. Only the arguments given are sent.
  const connections: ConnectionUnderTest[] = [
    {
      name: "Query.users",
      backward: true,
      read: (args) =>
        read(
          `query($first: Int, $after: String, $last: Int, $before: String) {
            users(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { id: userId } } ${PAGE_INFO} } }`,
          { ...args },
          (data) => data.users,
        ),
    },
    {
      name: "User.threads",
      backward: true,
      read: (args) =>
        read(
          `query($u: ID!, $first: Int, $after: String, $last: Int, $before: String) { user(userId: $u) {
            threads(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { id: threadId } } ${PAGE_INFO} } } }`,
          { u: owner.userId, ...args },
          (data) => data.user.threads,
        ),
    },
    {
      name: "Thread.messages",
      backward: true,
      read: (args) =>
        read(
          `query($t: ID!, $first: Int, $after: String, $last: Int, $before: String) { thread(threadId: $t) {
            messages(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { id: uuid } } ${PAGE_INFO} } } }`,
          { t: threadId, ...args },
          (data) => data.thread.messages,
        ),
    },
    {
      name: "User.graphNodes",
      backward: false,
      read: (args) =>
        read(
          `query($u: ID!, $first: Int, $after: String) { user(userId: $u) {
            graphNodes(first: $first, after: $after) { edges { cursor node { id: uuid } } ${PAGE_INFO} } } }`,
          { u: owner.userId, ...args },
          (data) => data.user.graphNodes,
        ),
    },
    {
      name: "EntityNode.facts",
      backward: false,
      read: (args) =>
        read(
          `query($n: ID!, $first: Int, $after: String) { entityNode(uuid: $n) {
            facts(first: $first, after: $after) { edges { cursor node { id: uuid } } ${PAGE_INFO} } } }`,
          { n: owner.nodeUuid, ...args },
          (data) => data.entityNode.facts,
        ),
    },
  ];

  // Three of everything: three users in the project; the owner's three threads, three messages in one of
  // them, and three facts on the owner's node, which make three graph nodes (the owner's, Acme and Lisbon).
  beforeAll(async () => {
    t = await startTestApp();
    const users = [];
    for (const label of ["pi-a", "pi-b", "pi-c"]) {
      users.push(await addGraphUser(t, label));
      await tick();
    }
    owner = users[0]!;
    const threads = [];
    for (let i = 0; i < 3; i += 1) {
      threads.push(await createThread(t, owner.userId));
      await tick();
    }
    threadId = threads[0]!;
    await addMessages(t, threadId, ["one", "two", "three"]);
    for (const [target, fact, factName] of [
      ["Acme", "Jane Roe works at Acme.", "WORKS_AT"],
      ["Lisbon", "Jane Roe lives in Lisbon.", "LIVES_IN"],
      ["Acme", "Jane Roe owns shares of Acme.", "OWNS_SHARES_OF"],
    ] as const) {
      await addFact(t, owner.userId, { sourceNodeName: "Jane Roe", targetNodeName: target, fact, factName });
      await tick();
    }
  });
  afterAll(() => t.close());

  /** The connection's three items, in its order, with their cursors, read as one page. */
  async function allThree(connection: ConnectionUnderTest): Promise<{ ids: string[]; cursors: string[] }> {
    const page = await connection.read({ first: 100 });
    expect(page.edges).toHaveLength(3);
    expect(page.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: page.edges[0]?.cursor,
      endCursor: page.edges[2]?.cursor,
    });
    return { ids: page.edges.map((edge) => edge.node.id), cursors: page.edges.map((edge) => edge.cursor) };
  }

  /**
   * A case: the page's arguments, given the three items' cursors; the index of the one item expected (null
   * for an empty page); and the flags expected.
   */
  type Case = [label: string, args: (cursors: string[]) => PageArgs, item: number | null, hasPreviousPage: boolean, hasNextPage: boolean];

  const forward: Case[] = [
    ["first: 1 at the start: A, nothing before, more after", () => ({ first: 1 }), 0, false, true],
    ["first: 1 after A: B, items on both sides", (c) => ({ first: 1, after: c[0] }), 1, true, true],
    ["first: 1 after B: C, an item before, nothing after", (c) => ({ first: 1, after: c[1] }), 2, true, false],
    ["first: 1 after C: empty, items before, nothing after", (c) => ({ first: 1, after: c[2] }), null, true, false],
  ];
  const backward: Case[] = [
    ["last: 1 at the end: C, more before, nothing after", () => ({ last: 1 }), 2, true, false],
    ["last: 1 before C: B, items on both sides", (c) => ({ last: 1, before: c[2] }), 1, true, true],
    ["last: 1 before B: A, nothing before, items after", (c) => ({ last: 1, before: c[1] }), 0, false, true],
    ["last: 1 before A: empty, nothing before, items after", (c) => ({ last: 1, before: c[0] }), null, false, true],
  ];

  describe.each(connections.map((connection) => [connection.name, connection] as const))("%s", (_name, connection) => {
    const cases = connection.backward ? [...forward, ...backward] : forward;
    it.each(cases)("%s", async (_label, args, item, hasPreviousPage, hasNextPage) => {
      const { ids, cursors } = await allThree(connection);
      const page = await connection.read(args(cursors));
      const cursor = item === null ? null : cursors[item];
      expect({ ids: page.edges.map((edge) => edge.node.id), cursors: page.edges.map((edge) => edge.cursor) }).toEqual(
        item === null ? { ids: [], cursors: [] } : { ids: [ids[item]], cursors: [cursor] },
      );
      expect(page.pageInfo).toEqual({ hasNextPage, hasPreviousPage, startCursor: cursor, endCursor: cursor });
    });
  });
});
