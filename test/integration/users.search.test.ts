import { ZepClient } from "@getzep/zep-cloud";
import { UserStore } from "../../src/db/users";
import { factListSummarizer } from "../../src/domain/graph/summarizer";
import { type TestApp, startTestApp } from "../support/testApp";
import { serveForZep } from "../support/zep";

// usersOrdered's `search` (and REST's users-ordered) matches a case-insensitive substring of userId, email,
// firstName or lastName. The list and totalCount are read together or apart (one read of a search's matches,
// or two of one filter), so each field is tried on its own, and totalCount must count exactly the users the
// list returns.

const ORDERED = `query($q: String, $size: Int, $page: Int) {
  usersOrdered(search: $q, pageSize: $size, pageNumber: $page, orderBy: USER_ID, asc: true) { totalCount rowCount users { userId } } }`;

describe("usersOrdered search", () => {
  let t: TestApp;
  let zep: ZepClient;

  // Each user matches one probe through one field only; the probes share no substring with each other,
  // with the other users' fields, or with anything else in this project of its own.
  const users = [
    { userId: "srch-Quokka-1", email: null, firstName: null, lastName: null },
    { userId: "srch-2", email: "Wombat.Mail@Example.com", firstName: null, lastName: null },
    { userId: "srch-3", email: null, firstName: "Marguerite", lastName: null },
    { userId: "srch-4", email: null, firstName: null, lastName: "Okonkwo" },
    { userId: "srch-5", email: "plain@example.com", firstName: "Ann", lastName: "Lee" },
  ];

  beforeAll(async () => {
    t = await startTestApp();
    ({ zep } = await serveForZep(t));
    for (const user of users) {
      const result = await t.execute(`mutation($input: AddUserInput!) { addUser(input: $input) { userId } }`, { input: user });
      expect(result.errors).toBeUndefined();
    }
  });
  afterAll(() => t.close());

  async function search(q: string, size = 10, page = 1): Promise<{ totalCount: number; rowCount: number; ids: string[] }> {
    const result = await t.execute(ORDERED, { q, size, page });
    expect(result.errors).toBeUndefined();
    const { totalCount, rowCount, users: found } = result.data?.usersOrdered ?? {};
    return { totalCount, rowCount, ids: found.map((user: { userId: string }) => user.userId) };
  }

  it.each([
    ["userId", "QUOKKA", "srch-Quokka-1"],
    ["userId", "kka-1", "srch-Quokka-1"],
    ["email", "wombat.mail@", "srch-2"],
    ["email", "BAT.MA", "srch-2"],
    ["firstName", "marguerite", "srch-3"],
    ["firstName", "GUERI", "srch-3"],
    ["lastName", "okonkwo", "srch-4"],
    ["lastName", "NKW", "srch-4"],
  ])("finds a user by %s, given %j as a case-insensitive substring, and counts just that user", async (_field, q, userId) => {
    expect(await search(q)).toEqual({ totalCount: 1, rowCount: 1, ids: [userId] });
  });

  it("lists and counts every user that any field matches, once each", async () => {
    // "o" is in Quokka, Wombat, Okonkwo and in every email's ".com", and nowhere in srch-3.
    expect(await search("O")).toEqual({ totalCount: 4, rowCount: 4, ids: ["srch-2", "srch-4", "srch-5", "srch-Quokka-1"] });
  });

  it("counts every match across pages while a page lists only its own", async () => {
    expect(await search("srch-", 2, 1)).toEqual({ totalCount: 5, rowCount: 2, ids: ["srch-2", "srch-3"] });
    expect(await search("srch-", 2, 3)).toEqual({ totalCount: 5, rowCount: 1, ids: ["srch-Quokka-1"] });
  });

  it("finds nothing, and counts nothing, for a substring no field holds", async () => {
    expect(await search("platypus")).toEqual({ totalCount: 0, rowCount: 0, ids: [] });
  });

  it("matches within one field, never across the end of one and the start of the next", async () => {
    // The fields are searched together, one per line: Ann's first name ends where her last name starts.
    expect(await search("ann")).toEqual({ totalCount: 1, rowCount: 1, ids: ["srch-5"] });
    expect(await search("ann\nlee")).toEqual({ totalCount: 0, rowCount: 0, ids: [] });
    expect(await search(".com\nann")).toEqual({ totalCount: 0, rowCount: 0, ids: [] });
  });

  it("matches a search with a line break within a field that holds one, and still not across two fields", async () => {
    // Its own project, so that the other tests' counts stay as they are.
    const own = await startTestApp();
    try {
      const add = await own.execute(`mutation($input: AddUserInput!) { addUser(input: $input) { userId } }`, {
        input: { userId: "brk-1", firstName: "Mary\nJo", lastName: "Kent" },
      });
      expect(add.errors).toBeUndefined();
      const found = async (q: string) => (await own.data(ORDERED, { q, size: 10, page: 1 })).usersOrdered;
      expect(await found("MARY\nJO")).toMatchObject({ totalCount: 1, rowCount: 1, users: [{ userId: "brk-1" }] });
      expect(await found("y\nj")).toMatchObject({ totalCount: 1, rowCount: 1 });
      expect(await found("jo\nkent")).toMatchObject({ totalCount: 0, rowCount: 0, users: [] });
    } finally {
      await own.close();
    }
  });

  it("lists the same page without totalCount, counting nothing", async () => {
    const { result, byQuery } = await t.countStatements(() =>
      t.execute(`{ usersOrdered(search: "srch-", pageSize: 2, pageNumber: 2, orderBy: USER_ID, asc: true) { users { userId } } }`),
    );
    expect(result.data?.usersOrdered.users).toEqual([{ userId: "srch-4" }, { userId: "srch-5" }]);
    expect(byQuery).toEqual({ "user.list-ordered-search": 1 });
  });

  it("answers a search broader than one read may sort with the page and the count read apart, alike", async () => {
    const store = new UserStore(t.app.db, t.projectId, factListSummarizer);
    for (const orderBy of ["CREATED_AT", "USER_ID", "EMAIL"] as const) {
      for (const asc of [true, false]) {
        const listing = { search: "SRCH-", orderBy, asc, skip: 1, limit: 3 };
        const oneRead = await t.countStatements(() => store.searchWithCount(listing));
        expect(oneRead.byQuery).toEqual({ "user.list-ordered-search-counted": 1 });
        expect(oneRead.result.total).toBe(5);
        expect(oneRead.result.users).toHaveLength(3);
        // Five matches, four of which one read may hold.
        const apart = await t.countStatements(() => store.searchWithCount(listing, 4));
        expect(apart.byQuery).toEqual({ "user.list-ordered-search-counted": 1, "user.list-ordered-search": 1, "user.count-search": 1 });
        expect(apart.result).toEqual(oneRead.result);
      }
    }
    // Exactly as many matches as one read holds are still answered by it.
    const atTheBound = await t.countStatements(() => store.searchWithCount({ search: "srch-", orderBy: "USER_ID", asc: true, skip: 0, limit: 10 }, 5));
    expect(atTheBound.byQuery).toEqual({ "user.list-ordered-search-counted": 1 });
    expect(atTheBound.result.users.map((user) => user.userId)).toEqual(["srch-2", "srch-3", "srch-4", "srch-5", "srch-Quokka-1"]);
  });

  it.each([
    ["userId", "quokka", "srch-Quokka-1"],
    ["email", "WOMBAT", "srch-2"],
    ["firstName", "Marg", "srch-3"],
    ["lastName", "konk", "srch-4"],
  ])("REST users-ordered finds a user by %s the same way", async (_field, search, userId) => {
    const page = await zep.user.listOrdered({ search, pageSize: 10 });
    expect(page.users?.map((user) => user.userId)).toEqual([userId]);
    expect(page).toMatchObject({ totalCount: 1, rowCount: 1 });
  });
});
