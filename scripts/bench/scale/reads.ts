// The reads the scale scenario times at each size: one GraphQL request at a time through the service, after
// untimed rounds of them all (warmUpReads), the median of up to REPETITIONS timed in rounds (timeReads). A
// read that is too slow for that many stops at its time budget (it still gets at least MIN_REPETITIONS); a
// read that fails is reported with its error instead of ending the run, since finding what breaks at scale
// is the point.
import type { BenchApp, Variables } from "../benchApp";
import { median, timeMs } from "../measure";
import { progress } from "../progress";
import { SEARCHED_NAME, SHARED_AMONG, SHARED_EVERY, SHARED_NAME, THREADED_EVERY, lastName, threadId, userId } from "./dataset";
import type { Neo4jGraphql } from "./neo4jGraphql";
import { FACT_WORDS, LARGE_USER, LARGE_USER_FACTS, NODE_NAME } from "./userGraphs";

const WARMUP_ROUNDS = 10;
const REPETITIONS = 30;
const MIN_REPETITIONS = 5;
const PAGE = 50;
const THREAD_PAGE = 10;

export interface Read {
  name: string;
  /** A GraphQL request to the service; through "driver", Cypher sent by a plain driver; through "peer", a GraphQL request to @neo4j/graphql. */
  query: string;
  variables?: Variables;
  via?: "driver" | "peer";
}

/** Where the reads go: the service (and its plain driver), and the peer. */
export interface ReadSides {
  app: BenchApp;
  peer: Neo4jGraphql;
}

export interface ReadTiming {
  medianMs: number | null;
  runs: number;
  error?: string;
}

/** What a size's reads point at: found once per size, before the timing. */
export interface ReadTargets {
  users: number;
  /** The cursor of the tenth-oldest user, for paging back from near the end of the list. */
  nearOldestCursor: string;
  /** The number of the user with threads and a graph whose reads are timed: one in the middle. */
  threadedUser: number;
}

const ORDERS = ["CREATED_AT", "USER_ID", "EMAIL"] as const;

const SEARCHES = [
  { scope: "EPISODES", text: "order arrived" },
  { scope: "NODES", text: NODE_NAME.toLowerCase() },
  { scope: "EDGES", text: FACT_WORDS },
] as const;

export function scaleReads({ users, nearOldestCursor, threadedUser: threaded }: ReadTargets): Read[] {
  const lastPage = Math.max(1, Math.ceil(users / PAGE));
  const middle = Math.floor(users / 2);
  const growing = SEARCHED_NAME.toLowerCase();
  const shared = SHARED_NAME.toLowerCase();
  const sharedMatches = (SHARED_AMONG / SHARED_EVERY).toLocaleString("en");
  const ordered = (label: string, pageNumber: number): Read[] =>
    ORDERS.flatMap((orderBy) =>
      [false, true].map((asc) => ({
        name: `usersOrdered ${label} ${orderBy} ${asc ? "asc" : "desc"}`,
        query: `query($p: Int!, $o: UserOrderBy!, $a: Boolean!) { usersOrdered(pageNumber: $p, pageSize: ${PAGE}, orderBy: $o, asc: $a) { rowCount users { userId } } }`,
        variables: { p: pageNumber, o: orderBy, a: asc },
      })),
    );
  return [
    { name: `users(first: ${PAGE})`, query: `{ users(first: ${PAGE}) { edges { node { userId } } } }` },
    { name: `users(first: ${PAGE}) with totalCount`, query: `{ users(first: ${PAGE}) { totalCount edges { node { userId } } } }` },
    {
      name: "users(last: 5, before: near the oldest)",
      query: `query($c: String!) { users(last: 5, before: $c) { edges { node { userId } } } }`,
      variables: { c: nearOldestCursor },
    },
    ...ordered("page 1", 1),
    ...ordered("page 100", 100),
    ...ordered(`last page`, lastPage),
    searchUsers(`usersOrdered(search: "${growing}") with totalCount`, growing),
    // What any search of this name must read at least: its matches in the text index, counted by a plain driver.
    countSearchMatches(growing),
    ...peerSearches(growing),
    // Searches with the same answer at both sizes: as many matches as the growing search has at 1M, and one
    // user's email, which no other email contains.
    searchUsers(`usersOrdered(search: "${shared}") with totalCount, ${sharedMatches} matches from ${SHARED_AMONG / 1000}k users on`, shared),
    countSearchMatches(shared),
    ...peerSearches(shared),
    searchUsers(`usersOrdered(search: "${userId(7)}@") with totalCount, one match at any size`, `${userId(7)}@`),
    { name: "user(userId)", query: `query($u: ID!) { user(userId: $u) { userId email node { summary } } }`, variables: { u: userId(middle) } },
    {
      name: "user.threads(first: 5)",
      query: `query($u: ID!) { user(userId: $u) { threads(first: 5) { edges { node { threadId } } } } }`,
      variables: { u: userId(threaded) },
    },
    { name: `threadsOrdered page 1 (of ${THREAD_PAGE})`, query: `{ threadsOrdered(pageNumber: 1, pageSize: ${THREAD_PAGE}) { threads { threadId } } }` },
    { name: `threadsOrdered page 100 (of ${THREAD_PAGE})`, query: `{ threadsOrdered(pageNumber: 100, pageSize: ${THREAD_PAGE}) { threads { threadId } } }` },
    {
      name: "thread.messages(last: 5)",
      query: `query($t: ID!) { thread(threadId: $t) { messages(last: 5) { edges { node { content } } } } }`,
      variables: { t: threadId(threaded, 0) },
    },
    // The user graph of a user with threads: an episode of each message (from the import) and the facts of
    // scale/userGraphs.ts. Every threaded user's messages and facts hold the searched words, so a search
    // confined to one user has as many other users' episodes, facts and nodes to pass over as the project has.
    {
      name: "user.graphNodes(first: 10), user.node.facts(first: 10)",
      query: `query($u: ID!) { user(userId: $u) { graphNodes(first: 10) { edges { node { name } } } node { facts(first: 10) { edges { node { fact } } } } } }`,
      variables: { u: userId(threaded) },
    },
    {
      name: "user.episodes(last: 5)",
      query: `query($u: ID!) { user(userId: $u) { episodes(last: 5) { content } } }`,
      variables: { u: userId(threaded) },
    },
    ...SEARCHES.map(({ scope, text }) => searchGraph(`searchGraph(query: "${text}", scope: ${scope})`, threaded, scope, text)),
    // The same user at both sizes, with more facts than semantic search scores one by one: its searches
    // read the vector index of every user's vectors as well.
    {
      name: `user.node.facts(first: 10), a user with ${LARGE_USER_FACTS} facts`,
      query: `query($u: ID!) { user(userId: $u) { node { facts(first: 10) { edges { node { fact } } } } } }`,
      variables: { u: userId(LARGE_USER) },
    },
    ...SEARCHES.filter(({ scope }) => scope !== "EPISODES").map(({ scope, text }) =>
      searchGraph(`searchGraph(query: "${text}", scope: ${scope}), a user with ${LARGE_USER_FACTS} facts`, LARGE_USER, scope, text),
    ),
  ];
}

function searchUsers(name: string, search: string): Read {
  return {
    name,
    query: `query($s: String!) { usersOrdered(search: $s, pageSize: ${PAGE}) { totalCount users { userId } } }`,
    variables: { s: search },
  };
}

function countSearchMatches(search: string): Read {
  return {
    name: `  floor: neo4j-driver counting the text index's matches of "${search}"`,
    query: `MATCH (u:User) USING TEXT INDEX u:User(searchText) WHERE u.searchText CONTAINS $s RETURN count(u) AS matches`,
    variables: { s: search },
    via: "driver",
  };
}

// The same search through the peer, the page of 50 newest matches and their count, written two ways: as a
// user of the library would, over the four fields case-insensitively, and over the one lower-cased field
// that usergraph's text index covers, which the peer's Cypher can read that index for.
const PEER_FIELDS = ["userId", "email", "firstName", "lastName"] as const;
const PEER_WHERE = {
  fields: `OR: [${PEER_FIELDS.map((field) => `{ ${field}: { caseInsensitive: { contains: $s } } }`).join(", ")}]`,
  searchText: `searchText: { contains: $s }`,
};

function peerSearchQuery(where: keyof typeof PEER_WHERE, first: number): string {
  return `query($projectId: String!, $s: String!) {
  usersConnection(first: ${first}, where: { projectId: { eq: $projectId }, ${PEER_WHERE[where]} }, sort: [{ createdAt: DESC }, { userId: DESC }]) {
    totalCount edges { node { userId } }
  }
}`;
}

function peerSearches(search: string): Read[] {
  return [
    { name: `  peer: @neo4j/graphql 7 usersConnection, "${search}" case-insensitive in 4 fields`, query: peerSearchQuery("fields", PAGE), variables: { s: search }, via: "peer" },
    { name: `  peer: @neo4j/graphql 7 usersConnection, "${search}" in searchText`, query: peerSearchQuery("searchText", PAGE), variables: { s: search }, via: "peer" },
  ];
}

function searchGraph(name: string, user: number, scope: string, text: string): Read {
  return {
    name,
    query: `query($u: ID!, $q: String!, $s: GraphSearchScope!) { searchGraph(userId: $u, query: $q, scope: $s, limit: 5) { edges { fact } nodes { name } episodes { content } } }`,
    variables: { u: userId(user), q: text, s: scope },
  };
}

/**
 * The user searches time the answers they are named for: as many matches as the data set gives their names
 * among `users`. A search that found fewer would time a smaller answer than its name says.
 */
export async function expectSearchMatches({ app, peer }: ReadSides, users: number): Promise<void> {
  for (const name of [SEARCHED_NAME, SHARED_NAME]) {
    let expected = 0;
    for (let i = 0; i < users; i += 1) if (lastName(i) === name) expected += 1;
    const s = name.toLowerCase();
    const ours = await app.execute<{ usersOrdered: { totalCount: number } }>(`query($s: String!) { usersOrdered(search: $s, pageSize: 1) { totalCount } }`, { s });
    const found: [string, number][] = [["usergraph", ours.usersOrdered.totalCount]];
    for (const where of ["fields", "searchText"] as const) {
      const theirs = await peer.execute<{ usersConnection: { totalCount: number } }>(peerSearchQuery(where, 1), { s });
      found.push([`@neo4j/graphql (${where})`, theirs.usersConnection.totalCount]);
    }
    for (const [side, matches] of found) {
      if (matches !== expected) throw new Error(`a search for "${name}" among ${users} users matches ${matches} through ${side}, expected ${expected}`);
    }
  }
}

export async function findReadTargets(app: BenchApp, users: number): Promise<ReadTargets> {
  const data = await app.execute<{ users: { edges: { cursor: string }[] } }>(`{ users(last: 10) { edges { cursor } } }`);
  const cursor = data.users.edges[0]?.cursor;
  if (!cursor) throw new Error(`users(last: 10) returned no users; expected ${users}`);
  const middle = Math.floor(users / 2);
  return { users, nearOldestCursor: cursor, threadedUser: middle - (middle % THREADED_EVERY) };
}

/**
 * Rounds of every read, untimed, before any is timed, for at most `budgetMs`: at the first size the JVM has
 * run little but a short import, and without them the reads timed first would carry its warm-up (and look
 * slower than at the larger size). A read that fails here fails again when timed, and is reported then.
 */
export async function warmUpReads(sides: ReadSides, reads: readonly Read[], budgetMs: number): Promise<void> {
  const deadline = performance.now() + budgetMs;
  for (let round = 0; round < WARMUP_ROUNDS && performance.now() < deadline; round += 1) {
    for (const read of reads) await runRead(sides, read).catch(() => undefined);
  }
}

/**
 * Times every read in rounds, each round running each read once, so that a disturbance of the machine (a
 * garbage collection, Neo4j's own background work) falls on all reads alike instead of on whichever was
 * being timed, as compare() in measure.ts takes turns. A read stops at REPETITIONS runs, or at MIN_REPETITIONS
 * once its runs have taken its budget; a read that fails is reported with its error and runs no more.
 */
export async function timeReads(sides: ReadSides, reads: readonly Read[], budgetMs: number): Promise<Record<string, ReadTiming>> {
  const states = reads.map((read) => ({ read, samples: [] as number[], spentMs: 0, error: undefined as string | undefined }));
  const running = (state: (typeof states)[number]): boolean =>
    state.error === undefined && state.samples.length < REPETITIONS && (state.samples.length < MIN_REPETITIONS || state.spentMs < budgetMs);
  while (states.some(running)) {
    for (const state of states.filter(running)) {
      try {
        const ms = await timeMs(() => runRead(sides, state.read));
        state.samples.push(ms);
        state.spentMs += ms;
      } catch (error) {
        state.error = error instanceof Error ? error.message : String(error);
        progress(`  ${state.read.name} failed: ${state.error}`);
      }
    }
  }
  return Object.fromEntries(
    states.map(({ read, samples, error }): [string, ReadTiming] => [
      read.name,
      error === undefined ? { medianMs: median(samples), runs: samples.length } : { medianMs: null, runs: 0, error: error.slice(0, 200) },
    ]),
  );
}

function runRead({ app, peer }: ReadSides, read: Read): Promise<unknown> {
  if (read.via === "driver") return app.baseline.readAutoCommit(read.query, read.variables);
  return read.via === "peer" ? peer.execute(read.query, read.variables) : app.execute(read.query, read.variables);
}
