import { type RunningBilling, startBillingServer } from "../../examples/billing/server";
import { type RunningGateway, startGateway } from "../../scripts/gateway";
import { composeSupergraph, loadSupergraphConfig } from "../../scripts/supergraph";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// The whole federated graph in process: usergraph over HTTP on the test Neo4j, the demo billing subgraph,
// and Hive Gateway serving their composed supergraph, all on 127.0.0.1 ports of their own.

const INVOICES = `{ invoices { id amount userId user { userId email node { summary } threadCount } } }`;

describe("through the gateway", () => {
  let t: TestApp;
  let other: TestApp;
  let billing: RunningBilling;
  let gateway: RunningGateway;
  /** The userIds the billing subgraph invoices, in order; each test sets its own. */
  let invoiced: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    other = await startTestApp();
    const usergraphPort = await t.app.server.listen(0);
    billing = await startBillingServer({ port: 0, host: "127.0.0.1", userIds: () => invoiced });
    const config = loadSupergraphConfig();
    const urls: Record<string, string> = { usergraph: `http://127.0.0.1:${usergraphPort}/graphql`, billing: billing.url };
    const composed = composeSupergraph(config.subgraphs.map((subgraph) => ({ ...subgraph, url: urls[subgraph.name] ?? "" })));
    if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join("\n"));
    gateway = await startGateway({ supergraphSdl: composed.supergraphSdl, port: 0, host: "127.0.0.1", maxCost: 1_000, logging: false });
  });
  afterAll(async () => {
    await gateway?.close();
    await billing?.stop();
    await t?.close();
    await other?.close();
  });

  async function post(query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { data?: any; errors?: { message: string; extensions?: any }[]; extensions?: any };
  }

  /** Adds users with an email and `threads` threads each, ten at a time. */
  async function addUsers(app: TestApp, count: number, threads = 0): Promise<string[]> {
    const userIds = Array.from({ length: count }, (_, i) => uniqueId(`gw${i}`));
    for (let start = 0; start < userIds.length; start += 10) {
      await Promise.all(
        userIds.slice(start, start + 10).map(async (userId) => {
          const added = await app.execute(`mutation($id: ID!, $email: String) { addUser(input: { userId: $id, email: $email }) { uuid } }`, {
            id: userId,
            email: `${userId}@example.com`,
          });
          expect(added.errors).toBeUndefined();
          for (let i = 0; i < threads; i += 1) {
            const created = await app.execute(`mutation($input: CreateThreadInput!) { createThread(input: $input) { threadId } }`, {
              input: { threadId: `${userId}-t${i}`, userId },
            });
            expect(created.errors).toBeUndefined();
          }
        }),
      );
    }
    return userIds;
  }

  it("serves a query that starts in billing with the right users from usergraph", async () => {
    const userIds = await addUsers(t, 5, 2);
    invoiced = userIds;
    const result = await post(INVOICES);
    expect(result.errors).toBeUndefined();
    const direct = await Promise.all(
      userIds.map(async (userId) => {
        const read = await t.execute(`query($id: ID!) { user(userId: $id) { userId email node { summary } threadCount } }`, { id: userId });
        return read.data?.user;
      }),
    );
    expect(result.data.invoices).toEqual(
      userIds.map((userId, i) => ({
        id: `inv-000${i + 1}`,
        amount: expect.any(Number),
        userId,
        user: { ...direct[i], email: `${userId}@example.com`, threadCount: 2 },
      })),
    );
    expect(direct[0].node.summary).toEqual(expect.any(String));
  });

  it("fetches 50 invoices' users with one user statement: the gateway's _entities batch", async () => {
    invoiced = await addUsers(t, 50);
    const { result, byQuery } = await t.countStatements(() => post(INVOICES));
    expect(result.errors).toBeUndefined();
    expect(result.data.invoices).toHaveLength(50);
    expect(result.data.invoices.map((invoice: any) => invoice.user.userId)).toEqual(invoiced);
    // One statement per loader: the users, their graph nodes, their thread counts.
    expect(byQuery).toEqual({ "user.get-by-ids": 1, "user-node.get-by-user-uuids": 1, "thread.count-by-user-uuids": 1 });
  });

  it("shows nothing of a user usergraph does not know (unknown, or another project's) beyond billing's key", async () => {
    const [known] = await addUsers(t, 1);
    const [elsewhere] = await addUsers(other, 1);
    invoiced = [known!, "no-such-user", elsewhere!];
    const { result, byQuery } = await t.countStatements(() => post(`{ invoices { id user { userId email node { name } } } }`));
    expect(result.errors).toBeUndefined();
    // usergraph answers null for those keys; the gateway keeps the key billing gave and nulls the rest.
    expect(result.data.invoices).toEqual([
      { id: "inv-0001", user: { userId: known, email: `${known}@example.com`, node: { name: `${known}@example.com` } } },
      { id: "inv-0002", user: { userId: "no-such-user", email: null, node: null } },
      { id: "inv-0003", user: { userId: elsewhere, email: null, node: null } },
    ]);
    expect(byQuery).toEqual({ "user.get-by-ids": 1, "user-node.get-by-user-uuids": 1 });
  });

  it("estimates cost from @listSize and @cost, and refuses what is dearer than the limit", async () => {
    const connection = (first: number) => `{ users(first: ${first}) { edges { node { userId } } } }`;
    // The connection (1) plus, for each of `first` edges, the edge (1) and its user (1).
    expect((await post(connection(5))).extensions?.cost?.estimated).toBe(1 + 5 * 2);
    expect((await post(connection(100))).extensions?.cost?.estimated).toBe(1 + 100 * 2);
    // userContext's @cost(weight: 10) on top of the thread (1).
    const context = await post(`{ thread(threadId: "none") { threadId userContext } }`);
    expect(context.extensions?.cost?.estimated).toBe(11);

    const nested = `{ users(first: 100) { edges { node { threads(first: 10) { edges { node { threadId } } } } } } }`;
    const refused = await post(nested);
    expect(refused.errors?.[0]?.extensions?.code).toBe("COST_ESTIMATED_TOO_EXPENSIVE");
    expect(refused.data?.users ?? null).toBeNull();
  });
});
