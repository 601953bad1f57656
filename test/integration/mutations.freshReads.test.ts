import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// GraphQL runs the fields of a mutation one after another in one request; what an earlier field's selection
// read (a page, a count) must not be served again, stale, to a later field's selection.

describe("reads selected under a mutation see the writes of the mutation fields before them", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function userWithThread() {
    const userId = uniqueId("fresh");
    const threadId = uniqueId("fresh-thread");
    await t.execute(`mutation($u: ID!) { addUser(input: { userId: $u }) { userId } }`, { u: userId });
    await t.execute(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { threadId } }`, { t: threadId, u: userId });
    return { userId, threadId };
  }

  it("two addMessages in one document: the second answer lists both messages beside messageCount 2", async () => {
    const { threadId } = await userWithThread();
    const result = await t.execute(
      `mutation($t: ID!) {
        first: addMessages(threadId: $t, messages: [{ role: USER, content: "one" }]) {
          thread { messageCount messages(last: 5) { totalCount edges { node { content } } } }
        }
        second: addMessages(threadId: $t, messages: [{ role: USER, content: "two" }]) {
          thread { messageCount messages(last: 5) { totalCount edges { node { content } } } }
        }
      }`,
      { t: threadId },
    );
    expect(result.errors).toBeUndefined();
    const contents = (answer: any) => answer.thread.messages.edges.map((edge: any) => edge.node.content);
    expect(contents(result.data?.first)).toEqual(["one"]);
    expect(result.data?.second.thread.messageCount).toBe(2);
    expect(result.data?.second.thread.messages.totalCount).toBe(2);
    expect(contents(result.data?.second)).toEqual(["one", "two"]);
  });

  it("two createThread in one document: threadCount agrees with threads.totalCount in each answer", async () => {
    const { userId } = await userWithThread();
    const result = await t.execute(
      `mutation($u: ID!, $a: ID!, $b: ID!) {
        a: createThread(input: { threadId: $a, userId: $u }) { user { threadCount threads(first: 10) { totalCount edges { node { threadId } } } } }
        b: createThread(input: { threadId: $b, userId: $u }) { user { threadCount threads(first: 10) { totalCount edges { node { threadId } } } } }
      }`,
      { u: userId, a: uniqueId("a"), b: uniqueId("b") },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.a.user.threadCount).toBe(2);
    expect(result.data?.a.user.threads.totalCount).toBe(2);
    expect(result.data?.b.user.threadCount).toBe(3);
    expect(result.data?.b.user.threads.totalCount).toBe(3);
    expect(result.data?.b.user.threads.edges).toHaveLength(3);
  });

  it("updateUser after addUser in one document: the user node read under the second shows the new name", async () => {
    const userId = uniqueId("fresh-name");
    const result = await t.execute(
      `mutation($u: ID!) {
        added: addUser(input: { userId: $u, firstName: "Ann" }) { node { name } }
        renamed: updateUser(userId: $u, input: { firstName: "Bea" }) { firstName node { name } }
      }`,
      { u: userId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.added.node.name).toBe("Ann");
    expect(result.data?.renamed).toEqual({ firstName: "Bea", node: { name: "Bea" } });
  });
});
