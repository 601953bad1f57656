import { ZepClient, ZepError } from "@getzep/zep-cloud";
import { type TestApp, startTestApp } from "../support/testApp";
import { serveForZep } from "../support/zep";

// Two projects in one Neo4j holding the same ids: the same userId, the same threadId, with different
// people, messages, facts and data. Every read, through GraphQL and REST, sees its own project's data and
// nothing of the other's. Each test runs from both sides.

const USER_ID = "iso-user";
const THREAD_ID = "iso-thread";

interface World {
  name: "Alpha" | "Bravo";
  /** A word only this project's data holds, in the fact, its target node, the messages and the data. */
  fruit: string;
  t: TestApp;
  zep: ZepClient;
  email: string;
  userUuid: string;
  userNodeUuid: string;
  threadUuid: string;
  factUuid: string;
  fruitNodeUuid: string;
  /** A thread only this project has. */
  ownThreadId: string;
}

describe("two projects with the same ids", () => {
  const worlds = {} as Record<World["name"], World>;

  async function ok(t: TestApp, query: string, variables: Record<string, unknown> = {}): Promise<any> {
    const result = await t.execute(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  }

  async function build(name: World["name"], fruit: string): Promise<World> {
    const t = await startTestApp();
    const { zep } = await serveForZep(t);
    const email = `${name.toLowerCase()}@example.com`;
    const user = (
      await ok(t, `mutation($in: AddUserInput!) { addUser(input: $in) { uuid node { uuid } } }`, {
        in: { userId: USER_ID, email, firstName: name, lastName: "Isolde" },
      })
    ).addUser;
    const create = `mutation($in: CreateThreadInput!) { createThread(input: $in) { uuid } }`;
    const thread = (await ok(t, create, { in: { threadId: THREAD_ID, userId: USER_ID } })).createThread;
    const ownThreadId = `iso-only-${name.toLowerCase()}`;
    await ok(t, create, { in: { threadId: ownThreadId, userId: USER_ID } });
    await ok(t, `mutation($t: ID!, $m: [MessageInput!]!) { addMessages(threadId: $t, messages: $m) { messageUuids } }`, {
      t: THREAD_ID,
      m: [
        { role: "USER", content: `${name} asks for ${fruit}.` },
        { role: "ASSISTANT", content: `${fruit} is on its way, ${name}.` },
      ],
    });
    const fact = (
      await ok(t, `mutation($u: ID!, $in: AddFactTripleInput!) { addFactTriple(userId: $u, input: $in) { uuid targetNodeUuid } }`, {
        u: USER_ID,
        in: { sourceNodeName: `${name} Isolde`, targetNodeName: fruit, fact: `${name} Isolde likes ${fruit}.`, factName: "LIKES" },
      })
    ).addFactTriple;
    await ok(t, `mutation($u: ID!, $in: AddDataInput!) { addData(userId: $u, input: $in) { uuid } }`, {
      u: USER_ID,
      in: { type: "TEXT", data: `${name} Isolde renewed the ${fruit} plan.` },
    });
    return {
      name,
      fruit,
      t,
      zep,
      email,
      userUuid: user.uuid,
      userNodeUuid: user.node.uuid,
      threadUuid: thread.uuid,
      factUuid: fact.uuid,
      fruitNodeUuid: fact.targetNodeUuid,
      ownThreadId,
    };
  }

  beforeAll(async () => {
    worlds.Alpha = await build("Alpha", "Apricot");
    worlds.Bravo = await build("Bravo", "Blueberry");
  });
  afterAll(async () => {
    await worlds.Alpha?.t.close();
    await worlds.Bravo?.t.close();
  });

  const sides = ["Alpha", "Bravo"] as const;
  const pair = (name: World["name"]) => ({ me: worlds[name], them: worlds[name === "Alpha" ? "Bravo" : "Alpha"] });

  it.each(sides)("%s: user, users and usersOrdered show only the project's own user", async (side) => {
    const { me, them } = pair(side);
    const data = await ok(
      me.t,
      `query($u: ID!, $q: String) {
        user(userId: $u) { uuid email firstName }
        users { totalCount edges { node { userId uuid } } }
        usersOrdered { totalCount users { uuid } }
        theirs: usersOrdered(search: $q) { totalCount users { uuid } } }`,
      { u: USER_ID, q: them.name },
    );
    expect(data.user).toEqual({ uuid: me.userUuid, email: me.email, firstName: me.name });
    expect(data.users).toEqual({ totalCount: 1, edges: [{ node: { userId: USER_ID, uuid: me.userUuid } }] });
    expect(data.usersOrdered).toEqual({ totalCount: 1, users: [{ uuid: me.userUuid }] });
    expect(data.theirs).toEqual({ totalCount: 0, users: [] });
  });

  it.each(sides)("%s: thread, threadsOrdered and User.threads show only the project's own threads and messages", async (side) => {
    const { me, them } = pair(side);
    const data = await ok(
      me.t,
      `query($u: ID!, $t: ID!, $theirs: ID!) {
        thread(threadId: $t) { uuid user { uuid } messageCount messages { edges { node { content } } } }
        theirs: thread(threadId: $theirs) { uuid }
        threadsOrdered(orderBy: THREAD_ID, asc: true) { totalCount threads { threadId } }
        user(userId: $u) { threadCount threads { edges { node { threadId } } } } }`,
      { u: USER_ID, t: THREAD_ID, theirs: them.ownThreadId },
    );
    expect(data.thread).toEqual({
      uuid: me.threadUuid,
      user: { uuid: me.userUuid },
      messageCount: 2,
      messages: { edges: [{ node: { content: `${me.name} asks for ${me.fruit}.` } }, { node: { content: `${me.fruit} is on its way, ${me.name}.` } }] },
    });
    // thread.get-by-ids finds threads within the project only: the other project's own thread is unknown here.
    expect(data.theirs).toBeNull();
    expect(data.threadsOrdered).toEqual({ totalCount: 2, threads: [THREAD_ID, me.ownThreadId].sort().map((threadId) => ({ threadId })) });
    expect(data.user.threadCount).toBe(2);
    expect(data.user.threads.edges.map((edge: any) => edge.node.threadId).sort()).toEqual([THREAD_ID, me.ownThreadId].sort());
  });

  it.each(sides)("%s: searchGraph finds only the project's own facts, nodes and episodes", async (side) => {
    const { me } = pair(side);
    const words = "likes renewed asks Apricot Blueberry Alpha Bravo Isolde";
    const data = await ok(
      me.t,
      `query($u: ID!, $q: String!) {
        edges: searchGraph(userId: $u, query: $q, scope: EDGES, limit: 50) { edges { uuid } }
        nodes: searchGraph(userId: $u, query: $q, scope: NODES, limit: 50) { nodes { uuid } }
        episodes: searchGraph(userId: $u, query: $q, scope: EPISODES, limit: 50) { episodes { content } } }`,
      { u: USER_ID, q: words },
    );
    expect(data.edges.edges).toEqual([{ uuid: me.factUuid }]);
    expect(data.nodes.nodes.map((node: any) => node.uuid).sort()).toEqual([me.userNodeUuid, me.fruitNodeUuid].sort());
    const contents: string[] = data.episodes.episodes.map((episode: any) => episode.content);
    expect(contents.length).toBeGreaterThan(0);
    expect(contents.filter((content) => !content.includes(me.name) && !content.includes(me.fruit))).toEqual([]);
  });

  it.each(sides)("%s: entityNode and fact answer for the project's own uuids and are null for the other's", async (side) => {
    const { me, them } = pair(side);
    const read = `query($n: ID!, $u: ID!, $f: ID!) { node: entityNode(uuid: $n) { name } userNode: entityNode(uuid: $u) { name } fact(uuid: $f) { fact } }`;
    expect(await ok(me.t, read, { n: me.fruitNodeUuid, u: me.userNodeUuid, f: me.factUuid })).toEqual({
      node: { name: me.fruit },
      userNode: { name: `${me.name} Isolde` },
      fact: { fact: `${me.name} Isolde likes ${me.fruit}.` },
    });
    expect(await ok(me.t, read, { n: them.fruitNodeUuid, u: them.userNodeUuid, f: them.factUuid })).toEqual({ node: null, userNode: null, fact: null });
  });

  it.each(sides)("%s: _entities resolves the shared ids to the project's own user and thread", async (side) => {
    const { me, them } = pair(side);
    const data = await ok(
      me.t,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { uuid email } ... on Thread { uuid } } }`,
      {
        r: [
          { __typename: "User", userId: USER_ID },
          { __typename: "Thread", threadId: THREAD_ID },
          { __typename: "Thread", threadId: them.ownThreadId },
        ],
      },
    );
    expect(data._entities).toEqual([{ uuid: me.userUuid, email: me.email }, { uuid: me.threadUuid }, null]);
  });

  it.each(sides)("%s: the user's node, graph nodes, episodes and context block hold only the project's own graph", async (side) => {
    const { me, them } = pair(side);
    const data = await ok(
      me.t,
      `query($u: ID!, $t: ID!) {
        user(userId: $u) { node { uuid summary facts { edges { node { uuid } } } } graphNodes { edges { node { uuid } } } episodes(last: 100) { content } }
        thread(threadId: $t) { userContext } }`,
      { u: USER_ID, t: THREAD_ID },
    );
    expect(data.user.node.uuid).toBe(me.userNodeUuid);
    expect(data.user.node.summary).toContain(`${me.name} Isolde likes ${me.fruit}.`);
    expect(data.user.node.facts.edges).toEqual([{ node: { uuid: me.factUuid } }]);
    expect(data.user.graphNodes.edges.map((edge: any) => edge.node.uuid).sort()).toEqual([me.userNodeUuid, me.fruitNodeUuid].sort());
    expect(data.user.episodes).toHaveLength(4);
    for (const text of [JSON.stringify(data), data.thread.userContext]) {
      expect(text).not.toContain(them.name);
      expect(text).not.toContain(them.fruit);
    }
    expect(data.thread.userContext).toContain(`${me.name} Isolde likes ${me.fruit}.`);
  });

  it.each(sides)("%s: REST user and thread reads answer with the project's own data", async (side) => {
    const { me, them } = pair(side);
    expect(await me.zep.user.get(USER_ID)).toMatchObject({ uuid: me.userUuid, email: me.email });
    const ordered = await me.zep.user.listOrdered({});
    expect(ordered.users?.map((user) => user.uuid)).toEqual([me.userUuid]);
    expect(ordered.totalCount).toBe(1);
    expect((await me.zep.user.getThreads(USER_ID)).map((thread) => thread.threadId).sort()).toEqual([THREAD_ID, me.ownThreadId].sort());
    expect((await me.zep.user.getNode(USER_ID)).node?.uuid).toBe(me.userNodeUuid);
    const thread = await me.zep.thread.get(THREAD_ID);
    expect(thread).toMatchObject({ userUuid: me.userUuid, totalCount: 2 });
    expect(thread.messages?.map((message) => message.content)).toEqual([`${me.name} asks for ${me.fruit}.`, `${me.fruit} is on its way, ${me.name}.`]);
    expect((await me.zep.thread.listAll({})).threads?.map((t) => t.uuid)).toContain(me.threadUuid);
    expect((await me.zep.thread.listAll({})).totalCount).toBe(2);
    const { context } = await me.zep.thread.getUserContext(THREAD_ID);
    expect(context).toContain(`${me.name} Isolde likes ${me.fruit}.`);
    expect(context).not.toContain(them.fruit);
    expect(await statusOf(me.zep.thread.get(them.ownThreadId))).toBe(404);
  });

  it.each(sides)("%s: REST graph reads answer with the project's own graph, and 404 for the other's uuids", async (side) => {
    const { me, them } = pair(side);
    const found = await me.zep.graph.search({ userId: USER_ID, query: "likes Apricot Blueberry", scope: "edges" });
    expect(found.edges?.map((edge) => edge.uuid)).toEqual([me.factUuid]);
    expect((await me.zep.graph.node.get(me.fruitNodeUuid)).name).toBe(me.fruit);
    expect((await me.zep.graph.edge.get(me.factUuid)).fact).toBe(`${me.name} Isolde likes ${me.fruit}.`);
    expect(await statusOf(me.zep.graph.node.get(them.fruitNodeUuid))).toBe(404);
    expect(await statusOf(me.zep.graph.edge.get(them.factUuid))).toBe(404);
    expect(await statusOf(me.zep.graph.node.getEdges(them.userNodeUuid))).toBe(404);
    expect((await me.zep.graph.node.getEdges(me.userNodeUuid)).map((edge) => edge.uuid)).toEqual([me.factUuid]);
    expect((await me.zep.graph.node.getByUserId(USER_ID, {})).map((node) => node.uuid).sort()).toEqual([me.userNodeUuid, me.fruitNodeUuid].sort());
    expect((await me.zep.graph.edge.getByUserId(USER_ID, {})).map((edge) => edge.uuid)).toEqual([me.factUuid]);
    const { episodes } = await me.zep.graph.episode.getByUserId(USER_ID, { lastn: 100 });
    expect(episodes).toHaveLength(4);
    expect(JSON.stringify(episodes)).not.toContain(them.fruit);
  });
});

async function statusOf(call: Promise<unknown>): Promise<number | undefined> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ZepError)) throw new Error(`expected a ZepError, got ${String(error)}`);
  return error.statusCode;
}
