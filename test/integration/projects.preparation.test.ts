import { randomUUID } from "node:crypto";
import { storeOldUsers } from "../support/oldUsers";
import { type TestApp, startTestApp } from "../support/testApp";
import { serveForZep } from "../support/zep";

// A request acts on its credentials' project, which need not be the PROJECT_ID the instance started with:
// such a project's stored data is brought up to date (counters, list keys) before its first request.

const COUNT_AND_SEARCH = `{ users(first: 1) { totalCount } usersOrdered(pageSize: 50, search: "MAIL3@example") { users { userId } } }`;

describe("a project named only by an API key", () => {
  const otherProject = `test-prepared-${randomUUID()}`;
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    ({ base } = await serveForZep(t));
    await storeOldUsers(t, otherProject, 7);
  });
  afterAll(async () => {
    await t.cypher(`MATCH (n {projectId: $p}) DETACH DELETE n`, { p: otherProject });
    await t.close();
  });

  async function ask(key: string): Promise<any> {
    const response = await fetch(`${base.replace(/\/api\/v2$/, "")}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Api-Key ${key}` },
      body: JSON.stringify({ query: COUNT_AND_SEARCH }),
    });
    return response.json();
  }

  it("is prepared before its first request: its old users are counted and found by search", async () => {
    const [before] = await t.cypher(`MATCH (c:Counter {projectId: $p, name: 'users'}) RETURN count(c) AS n`, { p: otherProject });
    expect(before?.n).toBe(0);
    const key = await t.newApiKey(otherProject);
    const [first, second] = await Promise.all([ask(key), ask(key)]);
    for (const body of [first, second]) {
      expect(body.errors).toBeUndefined();
      expect(body.data.users.totalCount).toBe(7);
      expect(body.data.usersOrdered.users).toEqual([{ userId: "old-3" }]);
    }
  });
});
