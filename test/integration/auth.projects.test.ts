import { randomUUID } from "node:crypto";
import { REST_ROUTES } from "../../src/rest";
import { buildSchema } from "../../src/schema";
import { type Answer, type HttpClient, httpClient, serve } from "../support/http";
import { snapshotOf } from "../support/snapshot";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// Two projects on one Neo4j, each with its own API key, served by one process: each request acts on the
// project of its key. With B's key, every query, mutation, _entities type and REST route is tried with A's
// ids and uuids: each finds nothing, and A's data stays exactly as it was.

interface World {
  userId: string;
  /** A second user, for the adds that take A's userIds into B. */
  spareUserId: string;
  uuid: string;
  email: string;
  userNodeUuid: string;
  threadId: string;
  factUuid: string;
  nodeUuid: string;
}

async function buildWorld(as: HttpClient, label: string): Promise<World> {
  const ok = async (query: string, variables: Record<string, unknown>) => {
    const answer = await as.graphql(query, variables);
    expect(answer.body.errors).toBeUndefined();
    return answer.body.data;
  };
  const userId = uniqueId(label);
  const email = `${userId}@example.com`;
  const user = (await ok(`mutation($u: ID!, $e: String) { addUser(input: { userId: $u, email: $e, firstName: "Ada" }) { uuid node { uuid } } }`, { u: userId, e: email }))
    .addUser;
  const threadId = uniqueId(`${label}-t`);
  await ok(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { threadId } }`, { t: threadId, u: userId });
  await ok(`mutation($t: ID!) { addMessages(threadId: $t, messages: [{ role: USER, content: "Ada orders Acme widgets." }]) { messageUuids } }`, { t: threadId });
  const fact = (
    await ok(`mutation($u: ID!) { addFactTriple(userId: $u, input: { sourceNodeName: "Ada", targetNodeName: "Acme", fact: "Ada buys from Acme.", factName: "BUYS_FROM" }) { uuid targetNodeUuid } }`, {
      u: userId,
    })
  ).addFactTriple;
  await ok(`mutation($u: ID!) { addData(userId: $u, input: { type: TEXT, data: "Ada renewed the Acme plan." }) { uuid } }`, { u: userId });
  return { userId, spareUserId: uniqueId(`${label}-spare`), uuid: user.uuid, email, userNodeUuid: user.node.uuid, threadId, factUuid: fact.uuid, nodeUuid: fact.targetNodeUuid };
}

function codes(answer: Answer): unknown[] {
  return (answer.body.errors ?? []).map((error: any) => error.extensions?.code);
}

describe("two projects, each with its key, through one server", () => {
  let a: TestApp;
  let b: TestApp;
  let asA: HttpClient;
  let asB: HttpClient;
  let worldA: World;
  let worldB: World;
  let snapshotA: string[];

  // Two worlds take many writes: the hook's time is generous, for a busy machine.
  beforeAll(async () => {
    a = await startTestApp();
    // B's app serves nothing: it is the owner of project B's data, which it deletes when it closes.
    b = await startTestApp();
    const origin = await serve(a);
    asA = httpClient(origin, `Api-Key ${await a.newApiKey()}`);
    asB = httpClient(origin, `Bearer ${await b.newApiKey()}`);
    worldA = await buildWorld(asA, "proj-a");
    worldB = await buildWorld(asB, "proj-b");
    snapshotA = await snapshotOf(a, a.projectId);
  }, 180_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it("acts on the project of the key: each project holds the world made with its key", async () => {
    const owners = await a.cypher(`MATCH (u:User) WHERE u.userId IN [$a, $b] RETURN u.userId AS userId, u.projectId AS projectId ORDER BY projectId`, {
      a: worldA.userId,
      b: worldB.userId,
    });
    expect(owners).toEqual(expect.arrayContaining([{ userId: worldA.userId, projectId: a.projectId }, { userId: worldB.userId, projectId: b.projectId }]));
    expect(owners).toHaveLength(2);
  });

  const notFound = (answer: Answer): void => {
    expect(answer.body.data).toBeNull();
    expect(codes(answer)).toEqual(["NOT_FOUND"]);
  };

  // Every root field of the schema, tried with B's key and A's ids. The adds come last (see below).
  const queries: Record<string, (w: World) => [string, Record<string, unknown>, (answer: Answer) => void]> = {
    user: (w) => [`query($u: ID!) { user(userId: $u) { uuid } }`, { u: w.userId }, (answer) => expect(answer.body.data.user).toBeNull()],
    users: () => [`{ users(first: 100) { edges { node { uuid } } } }`, {}, (answer) => expect(answer.body.data.users.edges).toEqual([{ node: { uuid: worldB.uuid } }])],
    usersOrdered: (w) => [
      `query($q: String) { usersOrdered(search: $q) { totalCount users { uuid } } }`,
      { q: w.email },
      (answer) => expect(answer.body.data.usersOrdered).toEqual({ totalCount: 0, users: [] }),
    ],
    thread: (w) => [`query($t: ID!) { thread(threadId: $t) { uuid } }`, { t: w.threadId }, (answer) => expect(answer.body.data.thread).toBeNull()],
    threadsOrdered: () => [
      `{ threadsOrdered(pageSize: 1000) { threads { threadId } } }`,
      {},
      (answer) => expect(answer.body.data.threadsOrdered.threads).toEqual([{ threadId: worldB.threadId }]),
    ],
    searchGraph: (w) => [`query($u: ID!) { searchGraph(userId: $u, query: "Acme") { edges { uuid } } }`, { u: w.userId }, notFound],
    "searchGraph (centred on the other project's node)": (w) => [
      `query($own: ID!, $c: ID!) { searchGraph(userId: $own, query: "Acme", centerNodeUuid: $c) { edges { uuid } } }`,
      { own: worldB.userId, c: w.userNodeUuid },
      notFound,
    ],
    entityNode: (w) => [
      `query($n: ID!, $u: ID!) { node: entityNode(uuid: $n) { name } userNode: entityNode(uuid: $u) { name } }`,
      { n: w.nodeUuid, u: w.userNodeUuid },
      (answer) => expect(answer.body.data).toEqual({ node: null, userNode: null }),
    ],
    fact: (w) => [`query($f: ID!) { fact(uuid: $f) { fact } }`, { f: w.factUuid }, (answer) => expect(answer.body.data.fact).toBeNull()],
    _entities: (w) => [
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { uuid } ... on Thread { uuid } } }`,
      {
        r: [
          { __typename: "User", userId: w.userId },
          { __typename: "Thread", threadId: w.threadId },
        ],
      },
      (answer) => expect(answer.body.data._entities).toEqual([null, null]),
    ],
  };
  const mutations: Record<string, (w: World) => [string, Record<string, unknown>, (answer: Answer) => void]> = {
    updateUser: (w) => [`mutation($u: ID!) { updateUser(userId: $u, input: { firstName: "Eve" }) { uuid } }`, { u: w.userId }, notFound],
    deleteUser: (w) => [`mutation($u: ID!) { deleteUser(userId: $u) { userId } }`, { u: w.userId }, notFound],
    createThread: (w) => [`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { uuid } }`, { t: uniqueId("new"), u: w.userId }, notFound],
    addMessages: (w) => [`mutation($t: ID!) { addMessages(threadId: $t, messages: [{ role: USER, content: "x" }]) { messageUuids } }`, { t: w.threadId }, notFound],
    deleteThread: (w) => [`mutation($t: ID!) { deleteThread(threadId: $t) { threadId } }`, { t: w.threadId }, notFound],
    addFactTriple: (w) => [
      `mutation($u: ID!) { addFactTriple(userId: $u, input: { sourceNodeName: "Ada", targetNodeName: "Acme", fact: "x", factName: "X" }) { uuid } }`,
      { u: w.userId },
      notFound,
    ],
    addData: (w) => [`mutation($u: ID!) { addData(userId: $u, input: { type: TEXT, data: "x" }) { uuid } }`, { u: w.userId }, notFound],
    invalidateFact: (w) => [`mutation($f: ID!) { invalidateFact(uuid: $f) { uuid } }`, { f: w.factUuid }, notFound],
    deleteFact: (w) => [`mutation($f: ID!) { deleteFact(uuid: $f) { uuid } }`, { f: w.factUuid }, notFound],
  };

  it("covers every root field of the schema (_service holds no project data)", () => {
    const schema = buildSchema();
    const rootFields = [...Object.keys(schema.getQueryType()?.getFields() ?? {}), ...Object.keys(schema.getMutationType()?.getFields() ?? {})];
    const tried = new Set([...Object.keys(queries), ...Object.keys(mutations)].map((name) => name.split(" ")[0]));
    expect([...tried, "addUser", "_service"].sort()).toEqual(rootFields.sort());
  });

  it.each(Object.keys(queries))("GraphQL %s finds nothing of the other project's", async (field) => {
    const [query, variables, check] = queries[field]!(worldA);
    const answer = await asB.graphql(query, variables);
    expect(answer.status).toBe(200);
    check(answer);
  });

  it.each(Object.keys(mutations))("GraphQL %s finds nothing of the other project's to change", async (field) => {
    const [query, variables, check] = mutations[field]!(worldA);
    check(await asB.graphql(query, variables));
    expect(await snapshotOf(a, a.projectId)).toEqual(snapshotA);
  });

  /** Each REST route with A's ids in its path and body, and what B's key must get back. */
  const restCase = (route: { method: string; path: string }, w: World): { path: string; body?: unknown; status: number; check?: (answer: Answer) => void } => {
    const path = route.path.replace(":userId", w.userId).replace(":threadId", w.threadId).replace(":uuid", route.path.startsWith("/graph/edge") ? w.factUuid : w.nodeUuid);
    switch (`${route.method} ${route.path}`) {
      case "GET /users-ordered":
        return { path: `${path}?search=${encodeURIComponent(w.email)}`, status: 200, check: (answer) => expect(answer.body.users).toEqual([]) };
      case "GET /threads":
        return { path: `${path}?page_size=1000`, status: 200, check: (answer) => expect(answer.body.threads.map((thread: any) => thread.thread_id)).toEqual([worldB.threadId]) };
      case "POST /users":
        return { path, body: { user_id: w.spareUserId }, status: 201 };
      case "POST /threads":
        return { path, body: { thread_id: uniqueId("new"), user_id: w.userId }, status: 404 };
      case "POST /threads/:threadId/messages":
        return { path, body: { messages: [{ role: "user", content: "x" }] }, status: 404 };
      case "POST /graph":
        return { path, body: { user_id: w.userId, type: "text", data: "x" }, status: 404 };
      case "POST /graph/add-fact-triple":
        return { path, body: { user_id: w.userId, source_node_name: "Ada", target_node_name: "Acme", fact: "x", fact_name: "X" }, status: 404 };
      case "POST /graph/search":
        return { path, body: { user_id: w.userId, query: "Acme" }, status: 404 };
      case "PATCH /users/:userId":
        return { path, body: { first_name: "Eve" }, status: 404 };
      default:
        return { path, body: route.method === "POST" ? {} : undefined, status: 404 };
    }
  };

  it.each(REST_ROUTES.filter((route) => !(route.method === "POST" && route.path === "/users")).map((route) => [`${route.method} ${route.path}`, route]))(
    "REST %s finds nothing of the other project's, and changes nothing",
    async (_name, route) => {
      const { path, body, status, check } = restCase(route, worldA);
      const answer = await asB.rest(route.method, path, body);
      expect(answer.status).toBe(status);
      check?.(answer);
      // Nothing of A's world, beyond the id the request named.
      for (const secret of [worldA.uuid, worldA.factUuid, worldA.userNodeUuid, "Ada buys from Acme", "Acme widgets"].filter((secret) => !path.includes(secret))) {
        expect(JSON.stringify(answer.body)).not.toContain(secret);
      }
      expect(await snapshotOf(a, a.projectId)).toEqual(snapshotA);
    },
  );

  it("adds under the other project's userIds make users of its own project, and leave the other project as it was", async () => {
    const added = await asB.graphql(`mutation($u: ID!) { addUser(input: { userId: $u }) { uuid projectId } }`, { u: worldA.userId });
    expect(added.body.data.addUser.projectId).toBe(b.projectId);
    const rest = restCase({ method: "POST", path: "/users" }, worldA);
    const overRest = await asB.rest("POST", rest.path, rest.body);
    expect(overRest.status).toBe(201);
    const owners = await a.cypher(`MATCH (u:User) WHERE u.userId IN [$u, $spare] RETURN u.projectId AS projectId, u.uuid AS uuid`, {
      u: worldA.userId,
      spare: worldA.spareUserId,
    });
    expect(owners).toEqual(expect.arrayContaining([{ projectId: a.projectId, uuid: worldA.uuid }, { projectId: b.projectId, uuid: added.body.data.addUser.uuid }]));
    expect(owners.filter((owner) => owner.projectId === b.projectId)).toHaveLength(2);
    expect(await snapshotOf(a, a.projectId)).toEqual(snapshotA);
  });

  it("a key of another project, a random key, or a made-up key in the key format answer 401", async () => {
    const origin = await serve(b);
    for (const authorization of ["Api-Key nonsense", `Api-Key ugk_${"A".repeat(12)}_${"b".repeat(43)}`, `Bearer ugk_${randomUUID()}`]) {
      const answer = await httpClient(origin, authorization).rest("GET", `/users/${worldB.userId}`);
      expect(answer).toMatchObject({ status: 401, body: { message: "invalid credentials" } });
    }
  });
});
