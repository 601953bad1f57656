import { randomUUID } from "node:crypto";
import { LIST_KEYS_BACKFILL, UserStore } from "../../src/db/users";
import { factListSummarizer } from "../../src/domain/graph/summarizer";
import { storeOldUsers } from "../support/oldUsers";
import { type TestApp, startTestApp } from "../support/testApp";

// Users stored before the list indexes lack the keys those indexes read (searchText for search,
// emailKey for the email order). Start-up writes them, once per project, so old users are listed and found.

const ORDERED = `query($q: String, $o: UserOrderBy, $asc: Boolean) {
  usersOrdered(pageSize: 1000, search: $q, orderBy: $o, asc: $asc) { totalCount users { userId email } } }`;

describe("the start-up backfill of the users' list keys", () => {
  const projectId = `test-backfill-${randomUUID()}`;
  let t: TestApp;

  beforeAll(async () => {
    const seed = await startTestApp();
    await storeOldUsers(seed, projectId, 12);
    await seed.close();
    t = await startTestApp({ projectId });
  });
  afterAll(() => t.close());

  const store = () => new UserStore(t.app.db, projectId, factListSummarizer);

  it("gives every stored user the keys that user.create writes", async () => {
    const rows = await t.cypher(
      `MATCH (u:User {projectId: $projectId})
       RETURN (u.searchText = toLower(u.userId) + '\n' + toLower(coalesce(u.email, '')) + '\n'
           + toLower(coalesce(u.firstName, '')) + '\n' + toLower(coalesce(u.lastName, ''))
         AND u.emailKey = CASE WHEN u.email IS NULL THEN '1' ELSE '0' + u.email END) AS keyed`,
      { projectId },
    );
    expect(rows).toHaveLength(12);
    expect(rows.every((row) => row.keyed === true)).toBe(true);
  });

  it("lists old users under every order and finds them by search", async () => {
    const byEmail = await t.execute(ORDERED, { o: "EMAIL", asc: true });
    expect(byEmail.data?.usersOrdered.totalCount).toBe(12);
    const emails = byEmail.data?.usersOrdered.users.map((user: { email: string | null }) => user.email);
    expect(emails).toHaveLength(12);
    // storeOldUsers leaves every fifth without an email: they come last.
    expect(emails.slice(-3)).toEqual([null, null, null]);
    const found = await t.execute(ORDERED, { q: "MAIL7@example", o: "USER_ID", asc: true });
    expect(found.data?.usersOrdered).toEqual({ totalCount: 1, users: [{ userId: "old-7", email: "Mail7@Example.com" }] });
    const byLastName = await t.execute(ORDERED, { q: "LAST1", o: "USER_ID", asc: true });
    expect(byLastName.data?.usersOrdered.users.map((user: { userId: string }) => user.userId)).toEqual(["old-1", "old-10", "old-11"]);
  });

  it("runs once: a later start finds it done and reads no user", async () => {
    const [marker] = await t.cypher(`MATCH (b:UserBackfill {projectId: $projectId, name: $name}) RETURN count(b) AS n`, {
      projectId,
      name: LIST_KEYS_BACKFILL,
    });
    expect(marker?.n).toBe(1);
    const { result: written, byQuery } = await t.countStatements(() => store().backfillListKeys());
    expect(written).toBe(0);
    expect(byQuery).toEqual({ "user.backfill-done": 1 });
  });

  it("rewrites, batch after batch, only keys that are missing or stale, when run again", async () => {
    await t.cypher(`MATCH (b:UserBackfill {projectId: $projectId}) DELETE b`, { projectId });
    await t.cypher(`MATCH (u:User {projectId: $projectId, userId: 'old-3'}) SET u.searchText = 'stale', u.emailKey = null`, { projectId });
    await t.cypher(`MATCH (u:User {projectId: $projectId, userId: 'old-4'}) SET u.userIdLower = 'old-4'`, { projectId });
    const { result: written, byQuery } = await t.countStatements(() => store().backfillListKeys(5));
    expect(written).toBe(2);
    // 12 users in batches of 5: three batches, and a fourth that finds none left.
    expect(byQuery).toEqual({ "user.backfill-done": 1, "user.backfill-keys": 4, "user.backfill-finish": 1 });
    const found = await t.execute(ORDERED, { q: "mail3@", o: "EMAIL", asc: false });
    expect(found.data?.usersOrdered.users).toEqual([{ userId: "old-3", email: "Mail3@Example.com" }]);
  });
});
