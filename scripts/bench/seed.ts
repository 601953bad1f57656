// Test data, made through the service's own GraphQL mutations so that it is exactly what the service
// would store. Every name is derived from a prefix, so each scenario's data is its own.
import { type BenchApp, GraphQLFailure } from "./benchApp";
import { inPool } from "./pool";
import { progress } from "./progress";

const ADD_USER = `mutation($input: AddUserInput!) { addUser(input: $input) { uuid } }`;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { uuid } }`;
const ADD_MESSAGES = `mutation($threadId: ID!, $messages: [MessageInput!]!) { addMessages(threadId: $threadId, messages: $messages) { messageUuids } }`;

/** How many seeding calls run at once unless a scenario says otherwise. */
const SEED_CONCURRENCY = 8;

export interface MessageInput {
  role: "USER" | "ASSISTANT";
  content: string;
}

/** Adds users `${prefix}-0` ... `${prefix}-${count - 1}`, with names and emails; returns their uuids in order. */
export async function addUsers(app: BenchApp, prefix: string, count: number): Promise<string[]> {
  const uuids: string[] = new Array<string>(count);
  await inPool(count, SEED_CONCURRENCY, async (i) => {
    const input = { userId: `${prefix}-${i}`, email: `${prefix}-${i}@example.com`, firstName: `First${i}`, lastName: prefix };
    const data = await app.execute<{ addUser: { uuid: string } }>(ADD_USER, { input });
    uuids[i] = data.addUser.uuid;
  });
  return uuids;
}

/** Creates `count` threads `${userId}-t0` ... for one user; returns their threadIds in order. */
export async function createThreads(app: BenchApp, userId: string, count: number): Promise<string[]> {
  const threadIds = Array.from({ length: count }, (_, i) => `${userId}-t${i}`);
  await inPool(count, SEED_CONCURRENCY, (i) => app.execute(CREATE_THREAD, { input: { threadId: threadIds[i], userId } }));
  return threadIds;
}

export function addMessages(app: BenchApp, threadId: string, messages: MessageInput[]): Promise<unknown> {
  return app.execute(ADD_MESSAGES, { threadId, messages });
}

/** A message of ordinary length, different for every (thread, index), alternating user and assistant. */
export function message(threadId: string, index: number): MessageInput {
  return {
    role: index % 2 === 0 ? "USER" : "ASSISTANT",
    content: `${threadId} #${index}: I would like to change the delivery address of my last order, please.`,
  };
}

/** Attempts per seeding call; see addMessagesForSeeding. */
const SEED_ATTEMPTS = 3;

/**
 * A user with `messages` messages spread round-robin over `threads` threads, added `perCall` at a time
 * with `concurrency` addMessages calls in flight. Returns the user's uuid (the groupId of their world) and
 * how many calls had to be tried again.
 */
export async function addUserWithMessages(
  app: BenchApp,
  userId: string,
  shape: { messages: number; threads: number; perCall: number; concurrency: number },
): Promise<{ uuid: string; retried: number }> {
  const uuid = await addUser(app, userId);
  const threadIds = await createThreads(app, userId, shape.threads);
  const calls = Math.ceil(shape.messages / shape.perCall);
  let retried = 0;
  await inPool(calls, shape.concurrency, async (call) => {
    const threadId = threadIds[call % shape.threads]!;
    const count = Math.min(shape.perCall, shape.messages - call * shape.perCall);
    const messages = Array.from({ length: count }, (_, i) => message(threadId, call * shape.perCall + i));
    const retries = await addMessagesForSeeding(app, threadId, messages);
    retried += retries; // after the await: `retried += await …` would add to a stale value
  });
  return { uuid, retried };
}

/**
 * Seeding is not measured, and concurrent addMessages calls to one user's threads can fail with a masked
 * INTERNAL_SERVER_ERROR (a deadlock that outlasted the driver's retries): such a call is tried again, up
 * to SEED_ATTEMPTS in all, said on stderr and counted, so the figures never hide it. Returns the retries.
 */
async function addMessagesForSeeding(app: BenchApp, threadId: string, messages: MessageInput[]): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await addMessages(app, threadId, messages);
      return attempt - 1;
    } catch (error) {
      const internal = error instanceof GraphQLFailure && error.codes.includes("INTERNAL_SERVER_ERROR");
      if (!internal || attempt >= SEED_ATTEMPTS) throw error;
      progress(`  seeding: addMessages(${threadId}) failed with INTERNAL_SERVER_ERROR; trying again (BENCH_LOG_LEVEL=error shows why)`);
    }
  }
}

/** Adds a user with only a userId; returns the uuid. */
export async function addUser(app: BenchApp, userId: string): Promise<string> {
  const data = await app.execute<{ addUser: { uuid: string } }>(ADD_USER, { input: { userId } });
  return data.addUser.uuid;
}
