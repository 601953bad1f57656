import { randomUUID } from "node:crypto";
import { startBillingServer } from "../../examples/billing/server";
import { startGateway } from "../../scripts/gateway";
import { composeSupergraph, loadSupergraphConfig } from "../../scripts/supergraph";
import { addFact, addGraphUser, addMessages, createThread } from "../support/graph";
import { type Answer, type HttpClient, httpClient, serve } from "../support/http";
import { snapshotOf } from "../support/snapshot";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";
import { type TokenIssuer, createTokenIssuer, serveJwks } from "../support/tokens";

// End users, for frontends: `Authorization: Bearer <JWT>` from the application's identity provider. Such a
// caller sees and changes only their own world; another user's ids answer exactly as unknown ones do, and
// project-wide operations are FORBIDDEN. Through both doors, and through a gateway.

const ISSUER = "https://id.usergraph.test/";
const AUDIENCE = "usergraph-test";

interface World {
  userId: string;
  userNodeUuid: string;
  threadId: string;
  factUuid: string;
  /** The fact's target, a node of the user's graph other than the user node. */
  nodeUuid: string;
  uuid: string;
}

async function worldOf(t: TestApp, label: string): Promise<World> {
  const user = await addGraphUser(t, label, { firstName: label, lastName: "Doe" });
  const threadId = await createThread(t, user.userId);
  await addMessages(t, threadId, [`${label} needs a new Acme invoice`, "Sure, on its way."]);
  const fact = await addFact(t, user.userId, { sourceNodeName: user.fullName, targetNodeName: `Acme ${label}`, fact: `${label} works at Acme.`, factName: "WORKS_AT" });
  return { userId: user.userId, uuid: user.uuid, userNodeUuid: user.nodeUuid, threadId, factUuid: fact.uuid, nodeUuid: fact.targetNodeUuid };
}

/** The answer with every occurrence of `id` replaced, so that answers about different ids compare. */
function withoutId(answer: Answer, id: string): unknown {
  return { status: answer.status, body: JSON.parse(JSON.stringify(answer.body).split(id).join("<id>")) };
}

function graphqlErrors(answer: Answer): { code: unknown; message: string }[] {
  return (answer.body.errors ?? []).map((error: any) => ({ code: error.extensions?.code, message: error.message }));
}

describe("an end user with a token", () => {
  let t: TestApp;
  let issuer: TokenIssuer;
  let origin: string;
  let alice: World;
  let bob: World;
  let asAlice: HttpClient;
  const tokenFor = (userId: string, claims: Record<string, unknown> = {}) =>
    issuer.sign({ iss: ISSUER, aud: AUDIENCE, sub: userId, project_id: t.projectId, ...claims });

  // Two worlds take many writes: the hook's time is generous, for a busy machine.
  beforeAll(async () => {
    issuer = await createTokenIssuer();
    t = await startTestApp({
      access: { jwt: { key: { publicKeyPem: issuer.publicKeyPem }, issuer: ISSUER, audience: AUDIENCE, projectClaim: "project_id", userClaim: "sub" } },
    });
    origin = await serve(t);
    alice = await worldOf(t, "alice");
    bob = await worldOf(t, "bob");
    asAlice = httpClient(origin, `Bearer ${await tokenFor(alice.userId)}`);
  }, 180_000);
  afterAll(() => t?.close());

  it("reads their own world through GraphQL: user, threads, messages, graph, facts, search, context and _entities", async () => {
    const answer = await asAlice.graphql(
      `query($u: ID!, $t: ID!, $n: ID!, $f: ID!, $center: ID!, $r: [_Any!]!) {
        user(userId: $u) { userId threadCount threads { edges { node { threadId } } } node { uuid } graphNodes { totalCount } episodes { content } }
        thread(threadId: $t) { messageCount messages { edges { node { content } } } userContext }
        entityNode(uuid: $n) { name facts { edges { node { uuid } } } }
        fact(uuid: $f) { fact source { uuid } }
        searchGraph(userId: $u, query: "Acme", centerNodeUuid: $center) { edges { uuid } }
        _entities(representations: $r) { ... on User { userId } ... on Thread { threadId } } }`,
      {
        u: alice.userId,
        t: alice.threadId,
        n: alice.nodeUuid,
        f: alice.factUuid,
        center: alice.userNodeUuid,
        r: [
          { __typename: "User", userId: alice.userId },
          { __typename: "Thread", threadId: alice.threadId },
        ],
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    const data = answer.body.data;
    expect(data.user).toMatchObject({ userId: alice.userId, threadCount: 1, node: { uuid: alice.userNodeUuid }, graphNodes: { totalCount: 2 } });
    expect(data.thread.messages.edges.map((edge: any) => edge.node.content)).toEqual(["alice needs a new Acme invoice", "Sure, on its way."]);
    expect(data.thread.userContext).toContain("alice works at Acme.");
    expect(data.entityNode).toEqual({ name: "Acme alice", facts: { edges: [{ node: { uuid: alice.factUuid } }] } });
    expect(data.fact).toEqual({ fact: "alice works at Acme.", source: { uuid: alice.userNodeUuid } });
    expect(data.searchGraph.edges).toEqual([{ uuid: alice.factUuid }]);
    expect(data._entities).toEqual([{ userId: alice.userId }, { threadId: alice.threadId }]);
  });

  it("changes their own world through GraphQL: a thread, messages, a fact, their profile; and may forget themself", async () => {
    const carol = uniqueId("carol");
    const asCarol = httpClient(origin, `Bearer ${await tokenFor(carol)}`);
    const ok = async (query: string, variables: Record<string, unknown>) => {
      const answer = await asCarol.graphql(query, variables);
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data;
    };
    await ok(`mutation($u: ID!) { addUser(input: { userId: $u, firstName: "Carol" }) { userId } }`, { u: carol });
    const threadId = `${carol}-t`;
    await ok(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { threadId } }`, { t: threadId, u: carol });
    await ok(`mutation($t: ID!) { addMessages(threadId: $t, messages: [{ role: USER, content: "hello" }]) { messageUuids } }`, { t: threadId });
    const fact = (
      await ok(`mutation($u: ID!) { addFactTriple(userId: $u, input: { sourceNodeName: "Carol", targetNodeName: "Oslo", fact: "Carol lives in Oslo.", factName: "LIVES_IN" }) { uuid } }`, {
        u: carol,
      })
    ).addFactTriple;
    await ok(`mutation($f: ID!) { invalidateFact(uuid: $f) { uuid } }`, { f: fact.uuid });
    await ok(`mutation($u: ID!) { updateUser(userId: $u, input: { lastName: "Cole" }) { userId } }`, { u: carol });
    await ok(`mutation($u: ID!) { addData(userId: $u, input: { type: TEXT, data: "Carol renewed." }) { uuid } }`, { u: carol });
    await ok(`mutation($f: ID!) { deleteFact(uuid: $f) { uuid } }`, { f: fact.uuid });
    await ok(`mutation($t: ID!) { deleteThread(threadId: $t) { threadId } }`, { t: threadId });
    expect((await ok(`mutation($u: ID!) { deleteUser(userId: $u) { userId } }`, { u: carol })).deleteUser).toEqual({ userId: carol });
    expect(await t.cypher(`MATCH (n {projectId: $p}) WHERE n.userId = $u OR n.threadId = $t RETURN n`, { p: t.projectId, u: carol, t: threadId })).toEqual([]);
  });

  it("reads and changes their own world through REST", async () => {
    const get = async (path: string) => {
      const answer = await asAlice.rest("GET", path);
      expect(answer.status).toBe(200);
      return answer.body;
    };
    expect(await get(`/users/${alice.userId}`)).toMatchObject({ user_id: alice.userId });
    expect((await get(`/users/${alice.userId}/threads`)).map((thread: any) => thread.thread_id)).toEqual([alice.threadId]);
    expect((await get(`/threads/${alice.threadId}/messages`)).messages).toHaveLength(2);
    expect((await get(`/threads/${alice.threadId}/context`)).context).toContain("alice works at Acme.");
    expect(await get(`/graph/edge/${alice.factUuid}`)).toMatchObject({ uuid: alice.factUuid });
    expect((await get(`/graph/node/${alice.nodeUuid}/entity-edges`)).map((edge: any) => edge.uuid)).toEqual([alice.factUuid]);
    const search = await asAlice.rest("POST", "/graph/search", { user_id: alice.userId, query: "Acme" });
    expect(search.body.edges.map((edge: any) => edge.uuid)).toEqual([alice.factUuid]);
    const added = await asAlice.rest("POST", `/threads/${alice.threadId}/messages`, { messages: [{ role: "user", content: "thanks" }] });
    expect(added.status).toBe(200);
    expect((await asAlice.rest("PATCH", `/users/${alice.userId}`, { last_name: "Doe-Smith" })).body).toMatchObject({ last_name: "Doe-Smith" });
  });

  describe("another user's ids answer exactly as unknown ones", () => {
    const reads: [string, (w: World) => Promise<Answer>, (w: World) => string][] = [
      ["user", (w) => asAlice.graphql(`query($u: ID!) { user(userId: $u) { userId } }`, { u: w.userId }), (w) => w.userId],
      ["thread", (w) => asAlice.graphql(`query($t: ID!) { thread(threadId: $t) { threadId } }`, { t: w.threadId }), (w) => w.threadId],
      ["entityNode", (w) => asAlice.graphql(`query($n: ID!) { entityNode(uuid: $n) { name } }`, { n: w.nodeUuid }), (w) => w.nodeUuid],
      ["user node by entityNode", (w) => asAlice.graphql(`query($n: ID!) { entityNode(uuid: $n) { name } }`, { n: w.userNodeUuid }), (w) => w.userNodeUuid],
      ["fact", (w) => asAlice.graphql(`query($f: ID!) { fact(uuid: $f) { fact } }`, { f: w.factUuid }), (w) => w.factUuid],
      ["searchGraph of the user", (w) => asAlice.graphql(`query($u: ID!) { searchGraph(userId: $u, query: "Acme") { edges { uuid } } }`, { u: w.userId }), (w) => w.userId],
      [
        "searchGraph from the user's node",
        (w) =>
          asAlice.graphql(`query($u: ID!, $c: ID!) { searchGraph(userId: $u, query: "Acme", centerNodeUuid: $c) { edges { uuid } } }`, {
            u: alice.userId,
            c: w.userNodeUuid,
          }),
        (w) => w.userNodeUuid,
      ],
      [
        "_entities",
        (w) =>
          asAlice.graphql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on User { userId } ... on Thread { threadId } } }`, {
            r: [
              { __typename: "User", userId: w.userId },
              { __typename: "Thread", threadId: w.threadId },
            ],
          }),
        (w) => w.userId,
      ],
      ["REST user", (w) => asAlice.rest("GET", `/users/${w.userId}`), (w) => w.userId],
      ["REST user's threads", (w) => asAlice.rest("GET", `/users/${w.userId}/threads`), (w) => w.userId],
      ["REST user's node", (w) => asAlice.rest("GET", `/users/${w.userId}/node`), (w) => w.userId],
      ["REST thread messages", (w) => asAlice.rest("GET", `/threads/${w.threadId}/messages`), (w) => w.threadId],
      ["REST thread context", (w) => asAlice.rest("GET", `/threads/${w.threadId}/context`), (w) => w.threadId],
      ["REST node", (w) => asAlice.rest("GET", `/graph/node/${w.nodeUuid}`), (w) => w.nodeUuid],
      ["REST node edges", (w) => asAlice.rest("GET", `/graph/node/${w.nodeUuid}/entity-edges`), (w) => w.nodeUuid],
      ["REST edge", (w) => asAlice.rest("GET", `/graph/edge/${w.factUuid}`), (w) => w.factUuid],
      ["REST user's graph nodes", (w) => asAlice.rest("POST", `/graph/node/user/${w.userId}`, {}), (w) => w.userId],
      ["REST user's graph edges", (w) => asAlice.rest("POST", `/graph/edge/user/${w.userId}`, {}), (w) => w.userId],
      ["REST user's episodes", (w) => asAlice.rest("GET", `/graph/episodes/user/${w.userId}`), (w) => w.userId],
      ["REST search of the user", (w) => asAlice.rest("POST", "/graph/search", { user_id: w.userId, query: "Acme" }), (w) => w.userId],
      [
        "REST search from the user's node",
        (w) => asAlice.rest("POST", "/graph/search", { user_id: alice.userId, query: "Acme", reranker: "node_distance", center_node_uuid: w.userNodeUuid }),
        (w) => w.userNodeUuid,
      ],
      [
        "REST a page after the user's node",
        (w) => asAlice.rest("POST", `/graph/node/user/${alice.userId}`, { uuid_cursor: w.nodeUuid }),
        (w) => w.nodeUuid,
      ],
    ];

    it.each(reads)("%s", async (_name, read, idOf) => {
      const unknown: World = { ...bob, userId: uniqueId("nobody"), threadId: uniqueId("no-thread"), factUuid: randomUUID(), nodeUuid: randomUUID(), userNodeUuid: randomUUID() };
      const theirs = await read(bob);
      const nobodys = await read(unknown);
      expect(withoutId(theirs, idOf(bob))).toEqual(withoutId(nobodys, idOf(unknown)));
      // Beyond echoing the id asked for, nothing of bob's world.
      const shown = JSON.stringify(withoutId(theirs, idOf(bob)));
      for (const secret of [bob.factUuid, bob.nodeUuid, bob.uuid, "bob works"]) expect(shown).not.toContain(secret);
    });

    const writes: [string, (w: World) => Promise<Answer>, (w: World) => string][] = [
      ["updateUser", (w) => asAlice.graphql(`mutation($u: ID!) { updateUser(userId: $u, input: { firstName: "Eve" }) { userId } }`, { u: w.userId }), (w) => w.userId],
      [
        "createThread",
        (w) => asAlice.graphql(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { threadId } }`, { t: `${w.threadId}-new`, u: w.userId }),
        (w) => w.userId,
      ],
      ["addMessages", (w) => asAlice.graphql(`mutation($t: ID!) { addMessages(threadId: $t, messages: [{ role: USER, content: "x" }]) { messageUuids } }`, { t: w.threadId }), (w) => w.threadId],
      ["deleteThread", (w) => asAlice.graphql(`mutation($t: ID!) { deleteThread(threadId: $t) { threadId } }`, { t: w.threadId }), (w) => w.threadId],
      [
        "addFactTriple",
        (w) =>
          asAlice.graphql(`mutation($u: ID!) { addFactTriple(userId: $u, input: { sourceNodeName: "A", targetNodeName: "B", fact: "A knows B.", factName: "KNOWS" }) { uuid } }`, {
            u: w.userId,
          }),
        (w) => w.userId,
      ],
      ["addData", (w) => asAlice.graphql(`mutation($u: ID!) { addData(userId: $u, input: { type: TEXT, data: "x" }) { uuid } }`, { u: w.userId }), (w) => w.userId],
      ["invalidateFact", (w) => asAlice.graphql(`mutation($f: ID!) { invalidateFact(uuid: $f) { uuid } }`, { f: w.factUuid }), (w) => w.factUuid],
      ["deleteFact", (w) => asAlice.graphql(`mutation($f: ID!) { deleteFact(uuid: $f) { uuid } }`, { f: w.factUuid }), (w) => w.factUuid],
      ["REST PATCH user", (w) => asAlice.rest("PATCH", `/users/${w.userId}`, { first_name: "Eve" }), (w) => w.userId],
      ["REST create thread", (w) => asAlice.rest("POST", "/threads", { thread_id: `${w.threadId}-rest`, user_id: w.userId }), (w) => w.userId],
      ["REST add messages", (w) => asAlice.rest("POST", `/threads/${w.threadId}/messages`, { messages: [{ role: "user", content: "x" }] }), (w) => w.threadId],
      ["REST delete thread", (w) => asAlice.rest("DELETE", `/threads/${w.threadId}`), (w) => w.threadId],
      ["REST add data", (w) => asAlice.rest("POST", "/graph", { user_id: w.userId, type: "text", data: "x" }), (w) => w.userId],
      [
        "REST add fact triple",
        (w) => asAlice.rest("POST", "/graph/add-fact-triple", { user_id: w.userId, source_node_name: "A", target_node_name: "B", fact: "A knows B.", fact_name: "KNOWS" }),
        (w) => w.userId,
      ],
      ["REST delete edge", (w) => asAlice.rest("DELETE", `/graph/edge/${w.factUuid}`), (w) => w.factUuid],
    ];

    it.each(writes)("%s, changing nothing", async (_name, write, idOf) => {
      const before = await snapshotOf(t, t.projectId, bob.uuid);
      const unknown: World = { ...bob, userId: uniqueId("nobody"), threadId: uniqueId("no-thread"), factUuid: randomUUID(), nodeUuid: randomUUID() };
      const theirs = await write(bob);
      expect(withoutId(theirs, idOf(bob))).toEqual(withoutId(await write(unknown), idOf(unknown)));
      expect(theirs.body?.data ?? null).toBeNull();
      expect([404, 200]).toContain(theirs.status);
      expect(await snapshotOf(t, t.projectId, bob.uuid)).toEqual(before);
    });
  });

  it("is FORBIDDEN project-wide operations: listing users or threads, adding or deleting another user", async () => {
    const before = await snapshotOf(t, t.projectId);
    for (const query of [
      `{ users { totalCount } }`,
      `{ usersOrdered { totalCount } }`,
      `{ threadsOrdered { totalCount } }`,
      `mutation { deleteUser(userId: "${bob.userId}") { userId } }`,
      `mutation { deleteUser(userId: "${uniqueId("nobody")}") { userId } }`,
      `mutation { addUser(input: { userId: "${uniqueId("mallory")}" }) { userId } }`,
    ]) {
      const answer = await asAlice.graphql(query);
      expect(graphqlErrors(answer).map((error) => error.code)).toEqual(["FORBIDDEN"]);
    }
    for (const [method, path, body] of [
      ["GET", "/users-ordered"],
      ["GET", "/threads"],
      ["DELETE", `/users/${bob.userId}`],
      ["POST", "/users", { user_id: uniqueId("mallory") }],
    ] as const) {
      const answer = await asAlice.rest(method, path, body);
      expect(answer.status).toBe(403);
      expect(answer.body.message).toMatch(/needs the project's API key/);
    }
    expect(await snapshotOf(t, t.projectId)).toEqual(before);
  });

  it("behind the gateway, which passes the Authorization header on, sees only their own user among the invoices'", async () => {
    const billing = await startBillingServer({ port: 0, host: "127.0.0.1", userIds: () => [alice.userId, bob.userId] });
    const config = loadSupergraphConfig();
    const urls: Record<string, string> = { usergraph: `${origin}/graphql`, billing: billing.url };
    const composed = composeSupergraph(config.subgraphs.map((subgraph) => ({ ...subgraph, url: urls[subgraph.name] ?? "" })));
    if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join("\n"));
    const gateway = await startGateway({ supergraphSdl: composed.supergraphSdl, port: 0, host: "127.0.0.1", logging: false });
    try {
      const invoices = async (authorization?: string) => {
        const answer = await httpClient(gateway.url.replace(/\/graphql$/, ""), authorization).graphql(`{ invoices { user { userId firstName } } }`);
        return answer.body.data.invoices;
      };
      expect(await invoices(`Bearer ${await tokenFor(alice.userId)}`)).toEqual([
        { user: { userId: alice.userId, firstName: "alice" } },
        { user: { userId: bob.userId, firstName: null } },
      ]);
      // Without credentials (outside production) the request acts on PROJECT_ID, for the whole project.
      expect(await invoices()).toEqual([
        { user: { userId: alice.userId, firstName: "alice" } },
        { user: { userId: bob.userId, firstName: "bob" } },
      ]);
    } finally {
      await gateway.close();
      await billing.stop();
    }
  });
});

describe("end users' tokens verified against a JWKS", () => {
  let t: TestApp;
  let issuer: TokenIssuer;
  let jwks: { url: string; close(): Promise<void> };
  let origin: string;

  beforeAll(async () => {
    issuer = await createTokenIssuer("jwks-key");
    jwks = await serveJwks(issuer.jwks);
    t = await startTestApp({ access: { jwt: { key: { jwksUrl: jwks.url }, issuer: null, audience: null, projectClaim: "tenant", userClaim: "uid" } } });
    origin = await serve(t);
  });
  afterAll(async () => {
    await t?.close();
    await jwks?.close();
  });

  it("takes a token signed with a key of the set, reading the configured claims", async () => {
    const dana = await addGraphUser(t, "dana");
    const token = await issuer.sign({ tenant: t.projectId, uid: dana.userId });
    const answer = await httpClient(origin, `Bearer ${token}`).graphql(`query($u: ID!) { user(userId: $u) { userId } }`, { u: dana.userId });
    expect(answer.body).toEqual({ data: { user: { userId: dana.userId } } });
  });

  it("refuses a token signed with a key not in the set, or missing the project claim", async () => {
    const stranger = await createTokenIssuer("jwks-key");
    for (const token of [await stranger.sign({ tenant: t.projectId, uid: "x" }), await issuer.sign({ uid: "x" })]) {
      const answer = await httpClient(origin, `Bearer ${token}`).graphql(`{ __typename }`);
      expect(answer.status).toBe(401);
      expect(answer.body.errors).toEqual([{ message: "invalid credentials", extensions: { code: "UNAUTHENTICATED" } }]);
    }
  });
});
