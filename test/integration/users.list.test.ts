import { type TestApp, errorCodes, startTestApp } from "../support/testApp";

const USERS = `
  query Users($first: Int, $after: String, $last: Int, $before: String) {
    users(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { userId createdAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

describe("users connection and usersOrdered", () => {
  let t: TestApp;
  const added: string[] = [];

  async function addUser(userId: string, fields: Record<string, unknown> = {}): Promise<void> {
    const result = await t.execute(`mutation($input: AddUserInput!) { addUser(input: $input) { userId } }`, {
      input: { userId, ...fields },
    });
    expect(result.errors).toBeUndefined();
    added.push(userId);
  }

  beforeAll(async () => {
    t = await startTestApp();
    // Parallel adds share milliseconds, which exercises the userId tie-break of the keyset.
    for (let batch = 0; batch < 5; batch += 1) {
      await Promise.all(Array.from({ length: 9 }, (_, i) => addUser(`u-${batch}-${i}`)));
    }
  });
  afterAll(() => t.close());

  function newestFirst(users: { userId: string; createdAt: string }[]): boolean {
    return users.every((user, i) => {
      const next = users[i + 1];
      if (!next) return true;
      return user.createdAt > next.createdAt || (user.createdAt === next.createdAt && user.userId > next.userId);
    });
  }

  it("walks forward page by page with no gap and no duplicate while users are added between fetches", async () => {
    const seen: { userId: string; createdAt: string }[] = [];
    const existing = [...added];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result = await t.execute(USERS, { first: 7, after });
      expect(result.errors).toBeUndefined();
      const connection = result.data?.users;
      seen.push(...connection.edges.map((edge: any) => edge.node));
      pages += 1;
      expect(connection.pageInfo.hasPreviousPage).toBe(pages > 1);
      await addUser(`during-forward-${pages}`);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    const ids = seen.map((user) => user.userId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...existing].sort());
    expect(newestFirst(seen)).toBe(true);
  });

  it("walks backward page by page with no gap and no duplicate while users are added between fetches", async () => {
    const existing = [...added];
    const pagesRead: { userId: string; createdAt: string }[][] = [];
    let before: string | null = null;
    for (;;) {
      const result = await t.execute(USERS, { last: 6, before });
      expect(result.errors).toBeUndefined();
      const connection = result.data?.users;
      pagesRead.unshift(connection.edges.map((edge: any) => edge.node));
      await addUser(`during-backward-${pagesRead.length}`);
      if (!connection.pageInfo.hasPreviousPage) break;
      before = connection.pageInfo.startCursor;
    }
    const seen = pagesRead.flat();
    const ids = seen.map((user) => user.userId);
    expect(new Set(ids).size).toBe(ids.length);
    // Users added while walking towards the newest end may appear; every user that existed must.
    expect(existing.every((id) => ids.includes(id))).toBe(true);
    expect(newestFirst(seen)).toBe(true);
  });

  it("counts every user, defaults to 20 a page, and reports page info at both ends", async () => {
    const first = await t.execute(USERS, {});
    expect(first.data?.users.totalCount).toBe(added.length);
    expect(first.data?.users.edges).toHaveLength(20);
    expect(first.data?.users.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const last = await t.execute(USERS, { last: 3 });
    expect(last.data?.users.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const forwardAll = await t.execute(USERS, { first: 100 });
    const tail = forwardAll.data?.users.edges.slice(-3).map((edge: any) => edge.node.userId);
    expect(last.data?.users.edges.map((edge: any) => edge.node.userId)).toEqual(tail);
  });

  it.each([
    [{ first: 0 }],
    [{ first: 101 }],
    [{ last: 101 }],
    [{ after: "not-a-cursor" }],
    [{ before: Buffer.from('["x"]').toString("base64url") }],
    [{ first: 5, before: null, last: 5 }],
  ])("rejects %j with BAD_USER_INPUT", async (args) => {
    expect(errorCodes(await t.execute(USERS, args))).toEqual(["BAD_USER_INPUT"]);
  });

  it("usersOrdered pages by number, counts the filtered set, and honours order and direction", async () => {
    const tag = "ordered-probe";
    await addUser(`${tag}-b`, { email: "Zed@Example.com", firstName: "Bob" });
    await addUser(`${tag}-a`, { email: "amy@example.com", lastName: "PROBEFAMILY" });
    await addUser(`${tag}-c`);
    const query = `query($n: Int, $s: Int, $q: String, $o: UserOrderBy, $asc: Boolean) {
      usersOrdered(pageNumber: $n, pageSize: $s, search: $q, orderBy: $o, asc: $asc) { totalCount rowCount users { userId email } } }`;
    const byId = await t.execute(query, { q: "ORDERED-PROBE", o: "USER_ID", asc: true, s: 2, n: 1 });
    expect(byId.data?.usersOrdered).toEqual({
      totalCount: 3,
      rowCount: 2,
      users: [{ userId: `${tag}-a`, email: "amy@example.com" }, { userId: `${tag}-b`, email: "Zed@Example.com" }],
    });
    const page2 = await t.execute(query, { q: "ordered-probe", o: "USER_ID", asc: true, s: 2, n: 2 });
    expect(page2.data?.usersOrdered.users.map((u: any) => u.userId)).toEqual([`${tag}-c`]);
    const byEmailDesc = await t.execute(query, { q: "ordered-probe", o: "EMAIL", asc: false, s: 10 });
    expect(byEmailDesc.data?.usersOrdered.users.map((u: any) => u.email)).toEqual([null, "amy@example.com", "Zed@Example.com"]);
    const byName = await t.execute(query, { q: "probefamily" });
    expect(byName.data?.usersOrdered.users.map((u: any) => u.userId)).toEqual([`${tag}-a`]);
    const newest = await t.execute(query, { s: 1 });
    expect(newest.data?.usersOrdered.users[0].userId).toBe(`${tag}-c`);
    expect(newest.data?.usersOrdered.totalCount).toBe(added.length);
  });

  it.each([[{ pageNumber: 0 }], [{ pageSize: 0 }], [{ pageSize: 1001 }]])(
    "usersOrdered rejects %j with BAD_USER_INPUT",
    async (args) => {
      const result = await t.execute(
        `query($pageNumber: Int, $pageSize: Int) { usersOrdered(pageNumber: $pageNumber, pageSize: $pageSize) { rowCount } }`,
        args,
      );
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    },
  );

  it("usersOrdered accepts a page size of 1000", async () => {
    const result = await t.execute(`{ usersOrdered(pageSize: 1000) { rowCount totalCount } }`);
    expect(result.data?.usersOrdered.rowCount).toBe(result.data?.usersOrdered.totalCount);
  });
});
