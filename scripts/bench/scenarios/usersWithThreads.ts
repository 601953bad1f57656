// Scenario 2: a page of 50 users, each with the thread count and the newest 5 threads, each of those
// with its message count and first 5 messages (50 users × 5 threads × 10 messages seeded). The service
// answers with one batched statement per level. The baseline is the N+1 of resolvers that query once
// per parent: the page, one statement per user for the threads, one per thread for the messages.
import type { BenchApp } from "../benchApp";
import { inPool } from "../pool";
import type { ScenarioResult } from "../report";
import { addMessages, addUsers, createThreads, message } from "../seed";
import { expectSame, measureSides, SEQUENTIAL_NOTE } from "./common";

const USERS = 50;
const THREADS_PER_USER = 5;
const MESSAGES_PER_THREAD = 10;
const PAGE = 5;

const QUERY = `query UsersWithThreads($n: Int!) {
  users(first: $n) { edges { node {
    threadCount
    threads(first: ${PAGE}) { edges { node {
      messageCount
      messages(first: ${PAGE}) { edges { node { content } } }
    } } }
  } } }
}`;

const BASELINE_PAGE = `
MATCH (u:User {projectId: $projectId})
RETURN u.uuid AS uuid
ORDER BY u.createdAt DESC, u.userId DESC
LIMIT $limit`;

// Generous to the baseline: the user's thread count and each thread's message count come with the
// threads, where resolvers querying once per field would send one more statement for each.
const BASELINE_THREADS = `
MATCH (u:User {projectId: $projectId, uuid: $uuid})
CALL (u) {
  OPTIONAL MATCH (u)-[:HAS_THREAD]->(t:Thread)
  WITH t ORDER BY t.createdAt DESC, t.threadId DESC LIMIT $limit
  RETURN collect(t {.uuid, messageCount: COUNT { (t)-[:HAS_MESSAGE]->() }}) AS threads
}
RETURN COUNT { (u)-[:HAS_THREAD]->(:Thread) } AS threadCount, threads`;

const BASELINE_MESSAGES = `
MATCH (:Thread {projectId: $projectId, uuid: $uuid})-[:HAS_MESSAGE]->(m:Message)
RETURN m.content AS content
ORDER BY m.seq ASC
LIMIT $limit`;

/** What both sides answer, in page order: [threadCount, [[messageCount, [content, ...]], ...]] per user. */
type Answer = [number, [number, string[]][]][];

interface UsersWithThreads {
  users: {
    edges: {
      node: {
        threadCount: number;
        threads: { edges: { node: { messageCount: number; messages: { edges: { node: { content: string } }[] } } }[] };
      };
    }[];
  };
}

export async function usersWithThreads(app: BenchApp): Promise<ScenarioResult> {
  await seed(app);
  const ours = async (): Promise<Answer> => {
    const data = await app.execute<UsersWithThreads>(QUERY, { n: USERS });
    return data.users.edges.map(({ node: user }) => [
      user.threadCount,
      user.threads.edges.map(({ node: thread }) => [
        thread.messageCount,
        thread.messages.edges.map((edge) => edge.node.content),
      ]),
    ]);
  };
  const naive = (): Promise<Answer> => baselineAnswer(app);
  const answer = await ours();
  if (answer.length !== USERS) throw new Error(`expected a page of ${USERS} users, got ${answer.length}`);
  expectSame("users with threads and messages", answer, await naive());

  const sides = await measureSides(app, {
    warmups: 2,
    repetitions: 7,
    ours: { method: "the nested page through GraphQL, one batched loader per level", run: ours },
    baseline: { method: "the page, one statement per user for threads, one per thread for messages (N+1)", run: naive },
  });
  return {
    id: "users-with-threads",
    title: `2. ${USERS} users × ${PAGE} threads × ${PAGE} messages`,
    ...sides,
    notes: [
      "the baseline reads threadCount and messageCount with the threads (no extra statements for them)",
      SEQUENTIAL_NOTE,
    ],
  };
}

async function seed(app: BenchApp): Promise<void> {
  await addUsers(app, "threads", USERS);
  const threadIds: string[] = [];
  for (let user = 0; user < USERS; user += 1) {
    threadIds.push(...(await createThreads(app, `threads-${user}`, THREADS_PER_USER)));
  }
  await inPool(threadIds.length, 8, (i) => {
    const threadId = threadIds[i]!;
    return addMessages(app, threadId, Array.from({ length: MESSAGES_PER_THREAD }, (_, k) => message(threadId, k)));
  });
}

async function baselineAnswer(app: BenchApp): Promise<Answer> {
  const { projectId, baseline } = app;
  const answer: Answer = [];
  for (const { uuid } of await baseline.read(BASELINE_PAGE, { projectId, limit: USERS })) {
    const [row] = await baseline.read(BASELINE_THREADS, { projectId, uuid, limit: PAGE });
    const threads: [number, string[]][] = [];
    for (const thread of (row?.threads ?? []) as { uuid: string; messageCount: number }[]) {
      const messages = await baseline.read(BASELINE_MESSAGES, { projectId, uuid: thread.uuid, limit: PAGE });
      threads.push([thread.messageCount, messages.map((m) => m.content as string)]);
    }
    answer.push([(row?.threadCount as number | undefined) ?? 0, threads]);
  }
  return answer;
}
