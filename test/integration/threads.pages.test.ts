import { compareText, newestFirst, walkBackward, walkForward } from "../support/pages";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";
import { serveForZep } from "../support/zep";

// Pages of threads and messages through both doors, read whole, page by page in both directions, against
// the order computed here from what Neo4j holds. Threads that share an instant (as threads created in one
// transaction do) exercise the tie-breaks.

const CREATE = `mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { threadId } }`;
const ADD = `mutation($t: ID!, $m: [MessageInput!]!) { addMessages(threadId: $t, messages: $m) { messageUuids } }`;
const USER_THREADS = `query($u: ID!, $first: Int, $after: String, $last: Int, $before: String) { user(userId: $u) {
  threads(first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { threadId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
const MESSAGES = `query($t: ID!, $first: Int, $after: String, $last: Int, $before: String) { thread(threadId: $t) {
  messages(first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { content } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
const ORDERED = `query($o: ThreadOrderBy, $asc: Boolean, $n: Int, $s: Int) {
  threadsOrdered(orderBy: $o, asc: $asc, pageNumber: $n, pageSize: $s) { responseCount threads { threadId } } }`;

interface StoredThread {
  threadId: string;
  userId: string;
  createdAt: number;
  updatedAt: number;
}

const ORDER_KEYS: Record<string, (thread: StoredThread) => number | string> = {
  CREATED_AT: (thread) => thread.createdAt,
  UPDATED_AT: (thread) => thread.updatedAt,
  USER_ID: (thread) => thread.userId,
  THREAD_ID: (thread) => thread.threadId,
};

describe("pages of threads and messages, in both directions", () => {
  let t: TestApp;
  let base: string;
  let apiKey: string;
  const jane = uniqueId("pj");
  const threadOf = (i: number): string => `${jane}-t${String(i).padStart(2, "0")}`;


  async function rest(path: string): Promise<any> {
    const response = await fetch(`${base}${path}`, { headers: { Authorization: `Api-Key ${apiKey}` } });
    expect(response.status).toBe(200);
    return response.json();
  }

  async function storedThreads(): Promise<StoredThread[]> {
    return t.cypher<StoredThread>(
      `MATCH (t:Thread {projectId: $p}) RETURN t.threadId AS threadId, t.userId AS userId,
         t.createdAt.epochMillis AS createdAt, t.updatedAt.epochMillis AS updatedAt`,
      { p: t.projectId },
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    ({ base } = await serveForZep(t));
    apiKey = await t.newApiKey();
    const others = [uniqueId("pa"), uniqueId("pz")];
    for (const userId of [jane, ...others]) await t.data(`mutation($id: ID!) { addUser(input: { userId: $id }) { uuid } }`, { id: userId });
    for (let i = 0; i < 13; i += 1) await t.data(CREATE, { t: threadOf(i), u: jane });
    for (const userId of others) {
      for (let i = 0; i < 4; i += 1) await t.data(CREATE, { t: `${userId}-t${i}`, u: userId });
    }
    await t.data(ADD, { t: threadOf(2), m: Array.from({ length: 13 }, (_, i) => ({ role: "USER", content: `m${i}` })) });
    await t.data(ADD, { t: threadOf(7), m: [{ role: "USER", content: "hello" }] });
    // Ties: threads created in one instant, and two updated in one.
    await t.cypher(`MATCH (t:Thread {projectId: $p}) WHERE t.threadId IN $ids SET t.createdAt = datetime('2026-01-01T00:00:00.000Z')`, {
      p: t.projectId,
      ids: [threadOf(3), threadOf(4), threadOf(5), `${others[0]}-t1`, `${others[0]}-t2`],
    });
    await t.cypher(`MATCH (t:Thread {projectId: $p}) WHERE t.threadId IN $ids SET t.updatedAt = datetime('2026-02-01T00:00:00.000Z')`, {
      p: t.projectId,
      ids: [threadOf(8), threadOf(9), `${others[0]}-t3`],
    });
  }, 120_000);
  afterAll(() => t.close());

  it.each([1, 3, 5])("User.threads, %i a page, reads newest first (createdAt, then threadId) forward and back", async (size) => {
    const expected = newestFirst(
      (await storedThreads()).filter((thread) => thread.userId === jane),
      (thread) => thread.createdAt,
      (thread) => thread.threadId,
    ).map((thread) => thread.threadId);
    expect(expected).toHaveLength(13);
    const page = async (variables: Record<string, unknown>) => (await t.data(USER_THREADS, { u: jane, ...variables })).user.threads;
    const forward = await walkForward(size, (after) => page({ first: size, after }));
    expect(forward.map((node: any) => node.threadId)).toEqual(expected);
    const backward = await walkBackward(size, (before) => page({ last: size, before }));
    expect(backward.map((node: any) => node.threadId)).toEqual(expected);
  });

  it("Zep's user threads list is the same order", async () => {
    const graphql = await walkForward(100, async (after) => (await t.data(USER_THREADS, { u: jane, first: 100, after })).user.threads);
    const listed = await rest(`/users/${jane}/threads`);
    expect(listed.map((thread: any) => thread.thread_id)).toEqual(graphql.map((node: any) => node.threadId));
  });

  it.each(Object.keys(ORDER_KEYS).flatMap((orderBy) => [true, false].map((asc) => [orderBy, asc] as const)))(
    "threadsOrdered by %s (asc %s) gives every page of the order computed here, through both doors, and an empty page beyond",
    async (orderBy, asc) => {
      const keyOf = ORDER_KEYS[orderBy] as (thread: StoredThread) => number | string;
      const compare = (a: StoredThread, b: StoredThread): number => {
        const [x, y] = [keyOf(a), keyOf(b)];
        const byKey = typeof x === "number" && typeof y === "number" ? x - y : compareText(String(x), String(y));
        return (asc ? 1 : -1) * (byKey || compareText(a.threadId, b.threadId));
      };
      const expected = (await storedThreads()).sort(compare).map((thread) => thread.threadId);
      const pages = Math.ceil(expected.length / 4);
      const order = orderBy.toLowerCase();
      for (let n = 1; n <= pages + 1; n += 1) {
        const want = expected.slice((n - 1) * 4, n * 4);
        const listed = (await t.data(ORDERED, { o: orderBy, asc, n, s: 4 })).threadsOrdered;
        expect(listed).toEqual({ responseCount: want.length, threads: want.map((threadId) => ({ threadId })) });
        const zep = await rest(`/threads?order_by=${order}&asc=${asc}&page_number=${n}&page_size=4`);
        expect(zep.threads.map((thread: any) => thread.thread_id)).toEqual(want);
        expect(zep).toMatchObject({ response_count: want.length, total_count: expected.length });
      }
    },
  );

  it.each([1, 4])("Thread.messages, %i a page, reads in the order added, forward and back", async (size) => {
    const expected = Array.from({ length: 13 }, (_, i) => `m${i}`);
    const page = async (variables: Record<string, unknown>) => (await t.data(MESSAGES, { t: threadOf(2), ...variables })).thread.messages;
    expect((await walkForward(size, (after) => page({ first: size, after }))).map((node: any) => node.content)).toEqual(expected);
    expect((await walkBackward(size, (before) => page({ last: size, before }))).map((node: any) => node.content)).toEqual(expected);
  });

  it("Zep's thread messages: numbered pages and the last n agree with the order added, with the thread's total", async () => {
    const expected = Array.from({ length: 13 }, (_, i) => `m${i}`);
    for (let cursor = 1; cursor <= 5; cursor += 1) {
      const page = await rest(`/threads/${threadOf(2)}/messages?limit=4&cursor=${cursor}`);
      expect(page.messages.map((message: any) => message.content)).toEqual(expected.slice((cursor - 1) * 4, cursor * 4));
      expect(page).toMatchObject({ total_count: 13, row_count: Math.max(0, Math.min(4, 13 - (cursor - 1) * 4)) });
    }
    const last = await rest(`/threads/${threadOf(2)}/messages?lastn=5`);
    expect(last.messages.map((message: any) => message.content)).toEqual(expected.slice(-5));
  });
});
