import { validateFactTriple } from "../../src/domain/graph/factInput";
import { type TestApp, uniqueId } from "./testApp";

// A user's world of a chosen size, written through the service's own stores (threads, messages, facts,
// and the nodes and episodes they make) without the per-call limits of the API, so that a test can have
// hundreds of each in seconds.

export interface SeededWorld {
  userId: string;
  /** The user's uuid: the groupId of everything in the world. */
  uuid: string;
  /** The user node, the source of every seeded fact. */
  nodeUuid: string;
  threadIds: string[];
  /** The first thread, which holds every seeded message. */
  thread: { threadId: string; uuid: string };
}

export async function seedWorld(t: TestApp, label: string, size: number): Promise<SeededWorld> {
  const userId = uniqueId(label);
  const added = await t.execute(`mutation($id: ID!) { addUser(input: { userId: $id, firstName: "Jane", lastName: "Roe" }) { uuid node { uuid } } }`, {
    id: userId,
  });
  if (added.errors) throw new Error(`could not add ${userId}: ${added.errors[0]?.message}`);
  const ctx = t.app.server.context();
  const threadIds: string[] = [];
  let thread: { threadId: string; uuid: string } | null = null;
  for (let i = 0; i < size; i += 1) {
    const created = await ctx.threads.create({ threadId: `${userId}-t${String(i).padStart(4, "0")}`, userId, metadata: null });
    if (typeof created === "string") throw new Error(`could not create a thread of ${userId}: ${created}`);
    threadIds.push(created.threadId);
    thread ??= { threadId: created.threadId, uuid: created.uuid };
  }
  if (thread === null) throw new Error("a seeded world has at least one thread");
  const messages = Array.from({ length: size }, (_, i) => ({
    role: "USER" as const,
    name: null,
    content: `message ${i}`,
    metadata: null,
    createdAt: null,
    episodeDescription: "seeded",
  }));
  const appended = await ctx.threads.addMessages(thread.threadId, messages);
  if (appended === "missing") throw new Error(`could not add messages to ${thread.threadId}`);
  for (let i = 0; i < size; i += 1) {
    const triple = validateFactTriple({ sourceNodeName: "Jane Roe", targetNodeName: `Thing ${i}`, fact: `Jane Roe uses Thing ${i}.`, factName: "USES" });
    const fact = await ctx.graph.addFactTriple(userId, triple);
    if (typeof fact === "string") throw new Error(`could not add a fact to ${userId}: ${fact}`);
  }
  return { userId, uuid: added.data?.addUser.uuid, nodeUuid: added.data?.addUser.node.uuid, threadIds, thread };
}
