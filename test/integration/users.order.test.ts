import { type TestApp, startTestApp } from "../support/testApp";

// The orders of usersOrdered and of the users connection, as statements read them from indexes, against the
// same orders computed here from every stored user: the chosen key, then userId, both in the requested
// direction; users without an email last ascending and first descending (as Cypher sorts nulls).

type Order = "CREATED_AT" | "USER_ID" | "EMAIL";

interface Stored {
  userId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  createdAt: number;
}

const ORDERED = `query($n: Int, $s: Int, $q: String, $o: UserOrderBy, $asc: Boolean) {
  usersOrdered(pageNumber: $n, pageSize: $s, search: $q, orderBy: $o, asc: $asc) { totalCount rowCount users { userId } } }`;

const CONNECTION = `query($first: Int, $after: String, $last: Int, $before: String) {
  users(first: $first, after: $after, last: $last, before: $before) {
    edges { node { userId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order computed from the stored users; ties on the key go by userId in the same direction. */
function expectedOrder(users: Stored[], orderBy: Order, asc: boolean): string[] {
  const key = (user: Stored, other: Stored): number => {
    if (orderBy === "CREATED_AT") return user.createdAt - other.createdAt;
    if (orderBy === "USER_ID") return 0;
    // Nulls sort last ascending: above every email.
    if (user.email === null || other.email === null) return (user.email === null ? 1 : 0) - (other.email === null ? 1 : 0);
    return compareText(user.email, other.email);
  };
  const sign = asc ? 1 : -1;
  return [...users]
    .sort((a, b) => sign * (key(a, b) || compareText(a.userId, b.userId)))
    .map((user) => user.userId);
}

describe("usersOrdered and the users connection read in the order they promise", () => {
  let t: TestApp;
  let stored: Stored[];

  async function add(userId: string, fields: Record<string, unknown> = {}): Promise<void> {
    const result = await t.execute(`mutation($input: AddUserInput!) { addUser(input: $input) { userId } }`, { input: { userId, ...fields } });
    expect(result.errors).toBeUndefined();
  }

  async function readStored(): Promise<Stored[]> {
    return t.cypher(
      `MATCH (u:User {projectId: $p})
       RETURN u.userId AS userId, u.email AS email, u.firstName AS firstName, u.lastName AS lastName,
              u.createdAt.epochMillis AS createdAt`,
      { p: t.projectId },
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    const emails = ["amy@example.com", "Zed@Example.com", null, "bob@example.org", null, "amy@example.com", "carl@Example.NET"];
    for (let batch = 0; batch < 4; batch += 1) {
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          add(`ord-${batch}-${i}`, { email: emails[(batch * 8 + i) % emails.length], firstName: `F${i % 3}`, lastName: i % 2 ? `L${batch}` : null }),
        ),
      );
    }
    await add("Probe-Upper", { email: "Sam.Probe@Example.COM", firstName: "Marguerite", lastName: "O'Brien" });
    await add("someone-else", { firstName: "Guerrero", lastName: "Probert" });
    // Users made in one millisecond are what the userId tie-break is for: give a run of them one instant.
    await t.cypher(
      `MATCH (u:User {projectId: $p}) WHERE u.userId STARTS WITH 'ord-1-' OR u.userId STARTS WITH 'ord-2-'
       SET u.createdAt = datetime('2030-01-01T00:00:00.000Z')`,
      { p: t.projectId },
    );
    stored = await readStored();
  });
  afterAll(() => t.close());

  /** The order as Cypher sorts the whole project, the way usersOrdered did before its statements read indexes. */
  async function sortedByCypher(orderBy: Order, asc: boolean): Promise<string[]> {
    const rows = await t.cypher(
      `MATCH (u:User {projectId: $p})
       WITH u, CASE $orderBy WHEN 'USER_ID' THEN u.userId WHEN 'EMAIL' THEN u.email ELSE u.createdAt END AS sortKey
       ORDER BY CASE WHEN $asc THEN sortKey END ASC, CASE WHEN NOT $asc THEN sortKey END DESC,
                CASE WHEN $asc THEN u.userId END ASC, CASE WHEN NOT $asc THEN u.userId END DESC
       RETURN u.userId AS userId`,
      { p: t.projectId, orderBy, asc },
    );
    return rows.map((row) => row.userId);
  }

  async function readAllPages(variables: Record<string, unknown>, pageSize: number): Promise<{ ids: string[]; totalCounts: number[] }> {
    const ids: string[] = [];
    const totalCounts: number[] = [];
    for (let n = 1; ; n += 1) {
      const result = await t.execute(ORDERED, { ...variables, n, s: pageSize });
      expect(result.errors).toBeUndefined();
      const page = result.data?.usersOrdered;
      expect(page.rowCount).toBe(page.users.length);
      totalCounts.push(page.totalCount);
      if (page.users.length === 0) return { ids, totalCounts };
      ids.push(...page.users.map((user: { userId: string }) => user.userId));
    }
  }

  const ORDERS: [Order, boolean][] = [
    ["CREATED_AT", false],
    ["CREATED_AT", true],
    ["USER_ID", false],
    ["USER_ID", true],
    ["EMAIL", false],
    ["EMAIL", true],
  ];

  it.each(ORDERS)("pages by %s (asc: %s) as a sort of every user would, then answers empty pages", async (orderBy, asc) => {
    const { ids, totalCounts } = await readAllPages({ o: orderBy, asc }, 7);
    expect(ids).toEqual(expectedOrder(stored, orderBy, asc));
    expect(ids).toEqual(await sortedByCypher(orderBy, asc));
    expect(new Set(totalCounts)).toEqual(new Set([stored.length]));
    const deep = await t.execute(ORDERED, { o: orderBy, asc, n: 1_000_000, s: 1000 });
    expect(deep.data?.usersOrdered).toEqual({ totalCount: stored.length, rowCount: 0, users: [] });
  });

  it("puts users without an email last by email ascending and first descending, by userId among them", async () => {
    const withoutEmail = stored.filter((user) => user.email === null).map((user) => user.userId).sort(compareText);
    expect(withoutEmail.length).toBeGreaterThan(1);
    const ascending = (await readAllPages({ o: "EMAIL", asc: true }, 10)).ids;
    expect(ascending.slice(-withoutEmail.length)).toEqual(withoutEmail);
    const descending = (await readAllPages({ o: "EMAIL", asc: false }, 10)).ids;
    expect(descending.slice(0, withoutEmail.length)).toEqual([...withoutEmail].reverse());
  });

  it.each([
    ["userId", "pROBE-up"],
    ["email", "SAM.probe@"],
    ["firstName", "GUER"],
    ["lastName", "o'bri"],
    ["any field", "probe"],
  ])("search by %s (%s) ignores case and counts what its pages return", async (_field, search) => {
    const needle = search.toLowerCase();
    const matches = stored.filter((user) =>
      [user.userId, user.email, user.firstName, user.lastName].some((value) => value !== null && value.toLowerCase().includes(needle)),
    );
    expect(matches.length).toBeGreaterThan(0);
    for (const [orderBy, asc] of ORDERS) {
      const { ids, totalCounts } = await readAllPages({ q: search, o: orderBy, asc }, 1);
      expect(ids).toEqual(expectedOrder(matches, orderBy, asc));
      expect(new Set(totalCounts)).toEqual(new Set([ids.length]));
    }
  });

  it("walks the connection forward and back through users of one millisecond, with exact page info", async () => {
    const newestFirst = expectedOrder(stored, "CREATED_AT", false);
    const forward: string[] = [];
    let after: string | null = null;
    for (let page = 0; ; page += 1) {
      const result = await t.execute(CONNECTION, { first: 3, after });
      expect(result.errors).toBeUndefined();
      const { edges, pageInfo } = result.data?.users ?? {};
      forward.push(...edges.map((edge: any) => edge.node.userId));
      expect(pageInfo.hasPreviousPage).toBe(page > 0);
      expect(pageInfo.hasNextPage).toBe(forward.length < newestFirst.length);
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(forward).toEqual(newestFirst);

    const backward: string[] = [];
    let before: string | null = null;
    for (let page = 0; ; page += 1) {
      const result = await t.execute(CONNECTION, { last: 3, before });
      expect(result.errors).toBeUndefined();
      const { edges, pageInfo } = result.data?.users ?? {};
      backward.unshift(...edges.map((edge: any) => edge.node.userId));
      expect(pageInfo.hasNextPage).toBe(page > 0);
      expect(pageInfo.hasPreviousPage).toBe(backward.length < newestFirst.length);
      if (!pageInfo.hasPreviousPage) break;
      before = pageInfo.startCursor;
    }
    expect(backward).toEqual(newestFirst);
  });
});

describe("updateUser keeps what the list indexes read in step with the user", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const UPDATE = `mutation($id: ID!, $input: UpdateUserInput!) { updateUser(userId: $id, input: $input) { userId } }`;
  const search = async (q: string): Promise<string[]> =>
    (await t.execute(ORDERED, { q, s: 100 })).data?.usersOrdered.users.map((user: { userId: string }) => user.userId);
  const byEmail = async (asc: boolean): Promise<string[]> =>
    (await t.execute(ORDERED, { o: "EMAIL", asc, s: 100 })).data?.usersOrdered.users.map((user: { userId: string }) => user.userId);

  it("finds and orders a user by the new email and names, and no longer by the old", async () => {
    for (const [userId, email] of [["upd-a", "alpha@example.com"], ["upd-b", "beta@example.com"]]) {
      await t.execute(`mutation($input: AddUserInput!) { addUser(input: $input) { userId } }`, { input: { userId, email } });
    }
    expect(await byEmail(true)).toEqual(["upd-a", "upd-b"]);

    expect((await t.execute(UPDATE, { id: "upd-a", input: { email: "Omega@Example.com", firstName: "Quentin" } })).errors).toBeUndefined();
    expect(await search("omega@")).toEqual(["upd-a"]);
    expect(await search("QUENT")).toEqual(["upd-a"]);
    expect(await search("alpha@")).toEqual([]);
    expect(await byEmail(true)).toEqual(["upd-a", "upd-b"]);
    expect((await t.execute(UPDATE, { id: "upd-b", input: { email: "Zulu@example.com" } })).errors).toBeUndefined();
    expect(await byEmail(true)).toEqual(["upd-a", "upd-b"]);

    expect((await t.execute(UPDATE, { id: "upd-a", input: { email: null, firstName: null } })).errors).toBeUndefined();
    expect(await search("omega")).toEqual([]);
    expect(await search("quent")).toEqual([]);
    expect(await byEmail(true)).toEqual(["upd-b", "upd-a"]);
    expect(await byEmail(false)).toEqual(["upd-a", "upd-b"]);
  });
});
