import { addFact, addGraphUser, createThread, graphCounts } from "../support/graph";
import { type TestApp, errorCodes, startTestApp, uniqueId } from "../support/testApp";

// Every size limit of the GraphQL door, tried at exactly the limit (taken, and stored as given) and one
// over it (refused with BAD_USER_INPUT, nothing stored). Lengths count characters after trimming;
// metadata counts the bytes of its JSON serialization.

/** A text of exactly `length` characters that starts with a unique id, so that each try makes its own record. */
function uniqueOfLength(prefix: string, length: number): string {
  const id = uniqueId(prefix);
  return id + "x".repeat(length - id.length);
}

/** A valid email address of exactly `length` characters. */
function emailOfLength(length: number): string {
  const domain = "@example.com";
  return "e".repeat(length - domain.length) + domain;
}

/** A metadata object whose JSON serialization is exactly `bytes` bytes of UTF-8. */
function metadataOfBytes(bytes: number, key = "blob"): Record<string, string> {
  const metadata = { [key]: "m".repeat(bytes - Buffer.byteLength(JSON.stringify({ [key]: "" }), "utf8")) };
  expect(Buffer.byteLength(JSON.stringify(metadata), "utf8")).toBe(bytes);
  return metadata;
}

const KIB = 1024;

interface DataInput {
  type: "TEXT";
  data: string;
  sourceDescription?: string;
}

describe("size limits on the GraphQL door, at the limit and one over", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe("addUser and updateUser", () => {
    const USER = `query($id: ID!) { user(userId: $id) { userId email firstName lastName metadata } }`;
    const ADD = `mutation($input: AddUserInput!) { addUser(input: $input) { userId } }`;

    async function stored(userId: string): Promise<Record<string, unknown> | null> {
      const result = await t.execute(USER, { id: userId });
      expect(result.errors).toBeUndefined();
      return result.data?.user ?? null;
    }

    // Read from Neo4j: the API refuses to look up an id over the limit at all.
    async function storedUsers(userId: string): Promise<number> {
      const [row] = await t.cypher(`MATCH (u:User {projectId: $p, userId: $id}) RETURN count(u) AS n`, { p: t.projectId, id: userId });
      return row?.n;
    }

    it.each([
      ["userId (characters)", 500, (n: number) => ({ userId: uniqueOfLength("lim-id", n) })],
      ["firstName (characters)", 200, (n: number) => ({ userId: uniqueId("lim-first"), firstName: "f".repeat(n) })],
      ["lastName (characters)", 200, (n: number) => ({ userId: uniqueId("lim-last"), lastName: "l".repeat(n) })],
      ["email (characters)", 254, (n: number) => ({ userId: uniqueId("lim-email"), email: emailOfLength(n) })],
      ["metadata (bytes)", 64 * KIB, (n: number) => ({ userId: uniqueId("lim-meta"), metadata: metadataOfBytes(n) })],
    ])("addUser takes a %s at its limit of %i and refuses one more", async (_what, limit, input) => {
      const atLimit = input(limit);
      expect((await t.execute(ADD, { input: atLimit })).errors).toBeUndefined();
      expect(await stored(atLimit.userId)).toMatchObject(atLimit);

      const over = input(limit + 1);
      expect(errorCodes(await t.execute(ADD, { input: over }))).toEqual(["BAD_USER_INPUT"]);
      expect(await storedUsers(over.userId)).toBe(0);
    });

    const UPDATE = `mutation($id: ID!, $input: UpdateUserInput!) { updateUser(userId: $id, input: $input) { userId } }`;

    it.each([
      ["firstName (characters)", 200, (n: number) => ({ firstName: "f".repeat(n) })],
      ["lastName (characters)", 200, (n: number) => ({ lastName: "l".repeat(n) })],
      ["email (characters)", 254, (n: number) => ({ email: emailOfLength(n) })],
    ])("updateUser takes a %s at its limit of %i and refuses one more", async (_what, limit, input) => {
      const userId = uniqueId("lim-upd");
      expect((await t.execute(ADD, { input: { userId } })).errors).toBeUndefined();
      expect((await t.execute(UPDATE, { id: userId, input: input(limit) })).errors).toBeUndefined();
      expect(await stored(userId)).toMatchObject(input(limit));
      expect(errorCodes(await t.execute(UPDATE, { id: userId, input: input(limit + 1) }))).toEqual(["BAD_USER_INPUT"]);
      expect(await stored(userId)).toMatchObject(input(limit));
    });

    it("updateUser takes metadata that merges to exactly 64 KiB and refuses a merge one byte larger, keeping the stored metadata", async () => {
      const userId = uniqueId("lim-merge");
      const kept = metadataOfBytes(32 * KIB, "a");
      expect((await t.execute(ADD, { input: { userId, metadata: kept } })).errors).toBeUndefined();
      // {"a":"…","b":"…"} is the two objects' bytes less the 2 of one pair of braces, plus 1 for the comma.
      const patchOfMerged = (bytes: number) => metadataOfBytes(bytes - Buffer.byteLength(JSON.stringify(kept)) + 1, "b");
      const atLimit = patchOfMerged(64 * KIB);
      expect(Buffer.byteLength(JSON.stringify({ ...kept, ...atLimit }))).toBe(64 * KIB);
      expect((await t.execute(UPDATE, { id: userId, input: { metadata: atLimit } })).errors).toBeUndefined();
      expect((await stored(userId))?.metadata).toEqual({ ...kept, ...atLimit });

      const other = uniqueId("lim-merge-over");
      expect((await t.execute(ADD, { input: { userId: other, metadata: kept } })).errors).toBeUndefined();
      expect(errorCodes(await t.execute(UPDATE, { id: other, input: { metadata: patchOfMerged(64 * KIB + 1) } }))).toEqual(["BAD_USER_INPUT"]);
      expect((await stored(other))?.metadata).toEqual(kept);
    });
  });

  describe("createThread and addMessages", () => {
    const CREATE = `mutation($input: CreateThreadInput!) { createThread(input: $input) { threadId } }`;
    const THREAD = `query($t: ID!) { thread(threadId: $t) { threadId metadata messageCount
      messages(last: 1) { edges { node { role name content metadata } } } } }`;
    const ADD = `mutation($t: ID!, $m: [MessageInput!]!) { addMessages(threadId: $t, messages: $m) { messageUuids } }`;
    let userId: string;
    beforeAll(async () => {
      userId = (await addGraphUser(t, "lim-threads")).userId;
    });

    async function stored(threadId: string): Promise<any> {
      const result = await t.execute(THREAD, { t: threadId });
      expect(result.errors).toBeUndefined();
      return result.data?.thread ?? null;
    }

    async function storedThreads(threadId: string): Promise<number> {
      const [row] = await t.cypher(`MATCH (th:Thread {projectId: $p, threadId: $id}) RETURN count(th) AS n`, { p: t.projectId, id: threadId });
      return row?.n;
    }

    it.each([
      ["threadId (characters)", 500, (n: number) => ({ threadId: uniqueOfLength("lim-th", n) })],
      ["metadata (bytes)", 16 * KIB, (n: number) => ({ threadId: uniqueId("lim-thm"), metadata: metadataOfBytes(n) })],
    ])("createThread takes a %s at its limit of %i and refuses one more", async (_what, limit, input) => {
      const atLimit = input(limit);
      expect((await t.execute(CREATE, { input: { ...atLimit, userId } })).errors).toBeUndefined();
      expect(await stored(atLimit.threadId)).toMatchObject(atLimit);
      const over = input(limit + 1);
      expect(errorCodes(await t.execute(CREATE, { input: { ...over, userId } }))).toEqual(["BAD_USER_INPUT"]);
      expect(await storedThreads(over.threadId)).toBe(0);
    });

    it.each([
      ["content (characters)", 4096, (n: number) => ({ role: "USER", content: "c".repeat(n) })],
      ["name (characters)", 200, (n: number) => ({ role: "USER", content: "hello", name: "n".repeat(n) })],
      ["metadata (bytes)", 16 * KIB, (n: number) => ({ role: "USER", content: "hello", metadata: metadataOfBytes(n) })],
    ])("addMessages takes a message %s at its limit of %i and refuses one more", async (_what, limit, message) => {
      const threadId = await createThread(t, userId);
      const atLimit = message(limit);
      expect((await t.execute(ADD, { t: threadId, m: [atLimit] })).errors).toBeUndefined();
      expect((await stored(threadId)).messages.edges[0].node).toMatchObject(atLimit);
      expect(errorCodes(await t.execute(ADD, { t: threadId, m: [message(limit + 1)] }))).toEqual(["BAD_USER_INPUT"]);
      expect((await stored(threadId)).messageCount).toBe(1);
    });

    it("addMessages takes 30 messages in one call and refuses 31", async () => {
      const threadId = await createThread(t, userId);
      const messages = (n: number) => Array.from({ length: n }, (_, i) => ({ role: "USER", content: `m${i}` }));
      expect((await t.execute(ADD, { t: threadId, m: messages(30) })).errors).toBeUndefined();
      expect(errorCodes(await t.execute(ADD, { t: threadId, m: messages(31) }))).toEqual(["BAD_USER_INPUT"]);
      expect((await stored(threadId)).messageCount).toBe(30);
    });
  });

  describe("addFactTriple and addData", () => {
    const ADD_FACT = `mutation($u: ID!, $input: AddFactTripleInput!) {
      addFactTriple(userId: $u, input: $input) { fact name source { name summary } target { name summary } } }`;
    const ADD_DATA = `mutation($u: ID!, $input: AddDataInput!) { addData(userId: $u, input: $input) { content sourceDescription } }`;
    // Neither node is the user's, whose summary comes from the user's own fields, not from a given summary.
    const triple = { sourceNodeName: "Bob Stone", targetNodeName: "Acme", fact: "Bob Stone works at Acme.", factName: "WORKS_AT" };

    it.each([
      ["sourceNodeName", 50, (n: number) => ({ sourceNodeName: "S".repeat(n) }), (fact: any, n: number) => fact.source.name.length === n],
      ["targetNodeName", 50, (n: number) => ({ targetNodeName: "T".repeat(n) }), (fact: any, n: number) => fact.target.name.length === n],
      ["fact", 250, (n: number) => ({ fact: "f".repeat(n) }), (fact: any, n: number) => fact.fact.length === n],
      ["factName", 50, (n: number) => ({ factName: "N".repeat(n) }), (fact: any, n: number) => fact.name.length === n],
      ["sourceNodeSummary", 500, (n: number) => ({ sourceNodeSummary: "s".repeat(n) }), (fact: any, n: number) => fact.source.summary.includes("s".repeat(n))],
      ["targetNodeSummary", 500, (n: number) => ({ targetNodeSummary: "t".repeat(n) }), (fact: any, n: number) => fact.target.summary.includes("t".repeat(n))],
    ])("addFactTriple takes a %s of %i characters and refuses one more, writing nothing", async (_field, limit, change, kept) => {
      const jane = await addGraphUser(t, "lim-fact");
      const added = await t.execute(ADD_FACT, { u: jane.userId, input: { ...triple, ...change(limit) } });
      expect(added.errors).toBeUndefined();
      expect(kept(added.data?.addFactTriple, limit)).toBe(true);
      const before = await graphCounts(t, jane.uuid);
      expect(errorCodes(await t.execute(ADD_FACT, { u: jane.userId, input: { ...triple, ...change(limit + 1) } }))).toEqual(["BAD_USER_INPUT"]);
      expect(await graphCounts(t, jane.uuid)).toEqual(before);
    });

    it.each([
      ["data", 10_000, (n: number): DataInput => ({ type: "TEXT", data: "d".repeat(n) })],
      ["sourceDescription", 500, (n: number): DataInput => ({ type: "TEXT", data: "some data", sourceDescription: "s".repeat(n) })],
    ])("addData takes a %s of %i characters and refuses one more, writing nothing", async (_field, limit, input) => {
      const jane = await addGraphUser(t, "lim-data");
      const added = await t.execute(ADD_DATA, { u: jane.userId, input: input(limit) });
      expect(added.errors).toBeUndefined();
      expect(added.data?.addData).toMatchObject({ content: input(limit).data, sourceDescription: input(limit).sourceDescription ?? null });
      expect(errorCodes(await t.execute(ADD_DATA, { u: jane.userId, input: input(limit + 1) }))).toEqual(["BAD_USER_INPUT"]);
      expect((await graphCounts(t, jane.uuid)).episodes).toBe(1);
    });
  });

  describe("page sizes and result limits", () => {
    let userId: string;
    let threadId: string;
    let nodeUuid: string;
    beforeAll(async () => {
      const jane = await addGraphUser(t, "lim-pages");
      userId = jane.userId;
      nodeUuid = jane.nodeUuid;
      threadId = await createThread(t, userId);
      await addFact(t, userId, { sourceNodeName: "Jane Roe", targetNodeName: "Acme", fact: "Jane Roe works at Acme.", factName: "WORKS_AT" });
    });

    // Each argument with its smallest and largest size; the query takes the size as $n.
    it.each([
      ["users(first)", 1, 100, `query($n: Int) { users(first: $n) { totalCount } }`],
      ["users(last)", 1, 100, `query($n: Int) { users(last: $n) { totalCount } }`],
      ["User.threads(first)", 1, 100, `query($u: ID!, $n: Int) { user(userId: $u) { threads(first: $n) { totalCount } } }`],
      ["User.threads(last)", 1, 100, `query($u: ID!, $n: Int) { user(userId: $u) { threads(last: $n) { totalCount } } }`],
      ["Thread.messages(first)", 1, 100, `query($t: ID!, $n: Int) { thread(threadId: $t) { messages(first: $n) { totalCount } } }`],
      ["Thread.messages(last)", 1, 100, `query($t: ID!, $n: Int) { thread(threadId: $t) { messages(last: $n) { totalCount } } }`],
      ["User.graphNodes(first)", 1, 100, `query($u: ID!, $n: Int) { user(userId: $u) { graphNodes(first: $n) { totalCount } } }`],
      ["EntityNode.facts(first)", 1, 100, `query($node: ID!, $n: Int) { entityNode(uuid: $node) { facts(first: $n) { totalCount } } }`],
      ["User.episodes(last)", 1, 100, `query($u: ID!, $n: Int) { user(userId: $u) { episodes(last: $n) { uuid } } }`],
      ["usersOrdered(pageSize)", 1, 1000, `query($n: Int) { usersOrdered(pageSize: $n) { rowCount } }`],
      ["threadsOrdered(pageSize)", 1, 1000, `query($n: Int) { threadsOrdered(pageSize: $n) { responseCount } }`],
      ["searchGraph(limit)", 1, 50, `query($u: ID!, $n: Int) { searchGraph(userId: $u, query: "Acme", limit: $n) { edges { uuid } } }`],
      ["Thread.userContext(limit)", 1, 50, `query($t: ID!, $n: Int) { thread(threadId: $t) { userContext(limit: $n) } }`],
    ])("%s takes %i to %i and refuses one less or one more, naming the limits", async (_argument, min, max, query) => {
      const run = (n: number) => t.execute(query, { u: userId, t: threadId, node: nodeUuid, n });
      for (const n of [min, max]) expect((await run(n)).errors).toBeUndefined();
      for (const n of [min - 1, max + 1]) {
        const refused = await run(n);
        expect(errorCodes(refused)).toEqual(["BAD_USER_INPUT"]);
        expect(refused.errors?.[0]?.message).toMatch(new RegExp(`\\b${max}\\b.*\\b${n}$`));
      }
    });
  });
});
