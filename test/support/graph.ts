import { type TestApp, uniqueId } from "./testApp";

// Shared steps of the graph tests: a user with a name and an email, facts, data, threads and messages,
// each checked for errors at once so that a test fails where its setup went wrong, not later.

export const FACT_FIELDS = `uuid name fact sourceNodeUuid targetNodeUuid createdAt validAt invalidAt expiredAt episodes
  source { uuid name labels summary } target { uuid name labels summary }`;
export const EPISODE_FIELDS = `uuid content source sourceDescription createdAt threadId mentions { uuid name labels }`;

export const ADD_FACT = `mutation($u: ID!, $input: AddFactTripleInput!) { addFactTriple(userId: $u, input: $input) { ${FACT_FIELDS} } }`;
export const ADD_DATA = `mutation($u: ID!, $input: AddDataInput!) { addData(userId: $u, input: $input) { ${EPISODE_FIELDS} } }`;
export const INVALIDATE = `mutation($id: ID!, $at: DateTime) { invalidateFact(uuid: $id, invalidAt: $at) { ${FACT_FIELDS} } }`;
export const DELETE_FACT = `mutation($id: ID!) { deleteFact(uuid: $id) { uuid message } }`;
export const DELETE_THREAD = `mutation($id: ID!) { deleteThread(threadId: $id) { threadId deletedMessages } }`;
export const FACT = `query($id: ID!) { fact(uuid: $id) { ${FACT_FIELDS} } }`;
export const NODE = `query($id: ID!) { entityNode(uuid: $id) { uuid name summary labels attributes createdAt } }`;
export const EPISODES = `query($u: ID!, $last: Int) { user(userId: $u) { episodes(last: $last) { ${EPISODE_FIELDS} } } }`;

export interface GraphUser {
  userId: string;
  uuid: string;
  email: string;
  /** "First Last": the user node's name. */
  fullName: string;
  nodeUuid: string;
}

export interface FactTriple {
  sourceNodeName: string;
  targetNodeName: string;
  fact: string;
  factName: string;
  validAt?: string | null;
  invalidAt?: string | null;
  sourceNodeSummary?: string | null;
  targetNodeSummary?: string | null;
  threadId?: string | null;
}

/** Lets the clock pass a millisecond, so that "newest first" never falls back on a tie-break. */
export const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 3));

export async function addGraphUser(t: TestApp, label: string, names: { firstName?: string; lastName?: string } = {}): Promise<GraphUser> {
  const userId = uniqueId(label);
  const email = `${userId}@example.com`;
  const firstName = names.firstName ?? "Jane";
  const lastName = names.lastName ?? "Roe";
  const result = await t.execute(
    `mutation($id: ID!, $email: String, $first: String, $last: String) {
      addUser(input: { userId: $id, email: $email, firstName: $first, lastName: $last }) { uuid node { uuid name } } }`,
    { id: userId, email, first: firstName, last: lastName },
  );
  expect(result.errors).toBeUndefined();
  const fullName = `${firstName} ${lastName}`;
  expect(result.data?.addUser.node.name).toBe(fullName);
  return { userId, uuid: result.data?.addUser.uuid, email, fullName, nodeUuid: result.data?.addUser.node.uuid };
}

export async function addFact(t: TestApp, userId: string, input: FactTriple): Promise<any> {
  const result = await t.execute(ADD_FACT, { u: userId, input });
  expect(result.errors).toBeUndefined();
  return result.data?.addFactTriple;
}

export async function addData(t: TestApp, userId: string, input: { type: string; data: string; sourceDescription?: string }): Promise<any> {
  const result = await t.execute(ADD_DATA, { u: userId, input });
  expect(result.errors).toBeUndefined();
  return result.data?.addData;
}

export async function createThread(t: TestApp, userId: string): Promise<string> {
  const threadId = uniqueId("gth");
  const result = await t.execute(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { threadId } }`, {
    t: threadId,
    u: userId,
  });
  expect(result.errors).toBeUndefined();
  return threadId;
}

export async function addMessages(t: TestApp, threadId: string, contents: string[]): Promise<string[]> {
  const result = await t.execute(`mutation($t: ID!, $m: [MessageInput!]!) { addMessages(threadId: $t, messages: $m) { messageUuids } }`, {
    t: threadId,
    m: contents.map((content, i) => ({ role: i % 2 === 0 ? "USER" : "ASSISTANT", content })),
  });
  expect(result.errors).toBeUndefined();
  return result.data?.addMessages.messageUuids;
}

/** The summary of a node, read through the API; null when the node is gone. */
export async function nodeSummary(t: TestApp, uuid: string): Promise<string | null> {
  const result = await t.execute(NODE, { id: uuid });
  expect(result.errors).toBeUndefined();
  return result.data?.entityNode?.summary ?? null;
}

export async function userSummary(t: TestApp, userId: string): Promise<string> {
  const result = await t.execute(`query($u: ID!) { user(userId: $u) { node { summary } } }`, { u: userId });
  expect(result.errors).toBeUndefined();
  return result.data?.user.node.summary;
}

/** What the database holds of one user's graph: entities, facts and episodes carrying the groupId. */
export async function graphCounts(t: TestApp, groupId: string): Promise<{ entities: number; facts: number; episodes: number }> {
  const [row] = await t.cypher(
    `CALL () { MATCH (n:Entity {groupId: $g}) RETURN count(n) AS entities }
     CALL () { MATCH ()-[r:RELATES_TO {groupId: $g}]->() RETURN count(r) AS facts }
     CALL () { MATCH (e:Episodic {groupId: $g}) RETURN count(e) AS episodes }
     RETURN entities, facts, episodes`,
    { g: groupId },
  );
  return { entities: row?.entities, facts: row?.facts, episodes: row?.episodes };
}
