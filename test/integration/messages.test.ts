import { type TestApp, errorCodes, startTestApp, uniqueId } from "../support/testApp";

const ADD = `mutation($id: ID!, $messages: [MessageInput!]!) {
  addMessages(threadId: $id, messages: $messages) { messageUuids thread { threadId messageCount createdAt updatedAt } } }`;
const MESSAGES = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) { thread(threadId: $id) {
  messageCount messages(first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { cursor node { uuid role name content metadata createdAt } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;

describe("addMessages and Thread.messages", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function newThread(): Promise<string> {
    const userId = uniqueId("mu");
    const threadId = uniqueId("mt");
    await t.execute(`mutation($id: ID!) { addUser(input: { userId: $id }) { uuid } }`, { id: userId });
    const created = await t.execute(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { threadId } }`, {
      t: threadId,
      u: userId,
    });
    expect(created.errors).toBeUndefined();
    return threadId;
  }

  const messages = (n: number, label: string, extra: Record<string, unknown> = {}) =>
    Array.from({ length: n }, (_, i) => ({ role: "USER", content: `${label}-${i}`, ...extra }));

  async function storedCount(threadId: string): Promise<number> {
    const [row] = await t.cypher(`MATCH (:Thread {projectId: $p, threadId: $id})-[:HAS_MESSAGE]->(m) RETURN count(m) AS n`, {
      p: t.projectId,
      id: threadId,
    });
    return row?.n;
  }

  it("adds messages with their fields, counts them exactly and moves the thread's updatedAt", async () => {
    const threadId = await newThread();
    const first = await t.execute(ADD, {
      id: threadId,
      messages: [
        { role: "USER", name: "Jane", content: "Hello", metadata: { lang: "en" }, createdAt: "2026-01-02T03:04:05.678Z" },
        { role: "ASSISTANT", content: "Hi Jane" },
      ],
    });
    expect(first.errors).toBeUndefined();
    expect(first.data?.addMessages.messageUuids).toHaveLength(2);
    expect(first.data?.addMessages.thread.messageCount).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await t.execute(ADD, { id: threadId, messages: messages(3, "more") });
    expect(second.data?.addMessages.thread.messageCount).toBe(5);
    expect(Date.parse(second.data?.addMessages.thread.updatedAt)).toBeGreaterThan(Date.parse(first.data?.addMessages.thread.updatedAt));
    const read = await t.execute(MESSAGES, { id: threadId });
    expect(read.data?.thread.messageCount).toBe(5);
    const [hello, hi] = read.data!.thread.messages.edges.map((e: any) => e.node);
    expect(hello).toMatchObject({ role: "USER", name: "Jane", content: "Hello", metadata: { lang: "en" }, createdAt: "2026-01-02T03:04:05.678Z" });
    expect(hello.uuid).toBe(first.data?.addMessages.messageUuids[0]);
    expect(hi).toMatchObject({ role: "ASSISTANT", name: null, content: "Hi Jane", metadata: null });
    expect(await storedCount(threadId)).toBe(5);
  });

  it("takes 30 messages in one call and refuses 31 or none, writing nothing", async () => {
    const threadId = await newThread();
    expect((await t.execute(ADD, { id: threadId, messages: messages(30, "ok") })).data?.addMessages.thread.messageCount).toBe(30);
    expect(errorCodes(await t.execute(ADD, { id: threadId, messages: messages(31, "too-many") }))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.execute(ADD, { id: threadId, messages: [] }))).toEqual(["BAD_USER_INPUT"]);
    expect(await storedCount(threadId)).toBe(30);
  });

  it.each([
    ["content of 4097 characters", { role: "USER", content: "c".repeat(4097) }],
    ["empty content", { role: "USER", content: "   " }],
    ["a name of 201 characters", { role: "USER", content: "x", name: "n".repeat(201) }],
    ["metadata over 16 KiB", { role: "USER", content: "x", metadata: { blob: "m".repeat(16 * 1024) } }],
  ])("refuses %s with BAD_USER_INPUT and adds none of the call's messages", async (_label, bad) => {
    const threadId = await newThread();
    const result = await t.execute(ADD, { id: threadId, messages: [{ role: "USER", content: "fine" }, bad] });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.message).toContain("messages[1]");
    expect(await storedCount(threadId)).toBe(0);
  });

  it("takes content of 4096 characters and a name of 200", async () => {
    const threadId = await newThread();
    const result = await t.execute(ADD, { id: threadId, messages: [{ role: "TOOL", content: "c".repeat(4096), name: "n".repeat(200) }] });
    expect(result.errors).toBeUndefined();
  });

  it("fails with NOT_FOUND for an unknown thread", async () => {
    expect(errorCodes(await t.execute(ADD, { id: "no-such-thread", messages: messages(1, "x") }))).toEqual(["NOT_FOUND"]);
  });

  it("keeps insertion order for 3 calls of 10 messages with identical createdAt, forwards and backwards", async () => {
    const threadId = await newThread();
    const createdAt = "2026-05-05T05:05:05.000Z";
    for (const call of ["a", "b", "c"]) {
      await t.execute(ADD, { id: threadId, messages: messages(10, call, { createdAt }) });
    }
    const expected = ["a", "b", "c"].flatMap((call) => Array.from({ length: 10 }, (_, i) => `${call}-${i}`));
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await t.execute(MESSAGES, { id: threadId, first: 7, after });
      forward.push(...page.data.thread.messages.edges.map((e: any) => e.node.content));
      if (!page.data.thread.messages.pageInfo.hasNextPage) break;
      after = page.data.thread.messages.pageInfo.endCursor;
    }
    expect(forward).toEqual(expected);
    const backward: string[][] = [];
    let before: string | null = null;
    for (;;) {
      const page: any = await t.execute(MESSAGES, { id: threadId, last: 4, before });
      backward.unshift(page.data.thread.messages.edges.map((e: any) => e.node.content));
      if (!page.data.thread.messages.pageInfo.hasPreviousPage) break;
      before = page.data.thread.messages.pageInfo.startCursor;
    }
    expect(backward.flat()).toEqual(expected);
  });

  it("keeps each of 10 concurrent calls' 10 messages contiguous and in order", async () => {
    const threadId = await newThread();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, call) => t.execute(ADD, { id: threadId, messages: messages(10, `call${call}`) })),
    );
    expect(results.flatMap(errorCodes)).toEqual([]);
    const read = await t.execute(MESSAGES, { id: threadId, first: 100 });
    const contents: string[] = read.data?.thread.messages.edges.map((e: any) => e.node.content);
    expect(contents).toHaveLength(100);
    expect(read.data?.thread.messageCount).toBe(100);
    for (let block = 0; block < 10; block += 1) {
      const slice = contents.slice(block * 10, block * 10 + 10);
      const call = slice[0]?.split("-")[0];
      expect(slice).toEqual(Array.from({ length: 10 }, (_, i) => `${call}-${i}`));
    }
    expect(new Set(contents.map((content) => content.split("-")[0])).size).toBe(10);
  });

  it("refuses a malformed message cursor with BAD_USER_INPUT", async () => {
    const threadId = await newThread();
    const result = await t.execute(MESSAGES, { id: threadId, after: Buffer.from('["x"]').toString("base64url") });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
  });
});
