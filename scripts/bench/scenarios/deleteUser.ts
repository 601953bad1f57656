// Scenario 4: forgetting a user with 20,000 messages. The service hides the user at once, then deletes
// the user's world in batches of bounded size, each its own transaction. The baseline deletes an
// identically seeded user in one transaction, `MATCH (n {groupId: $g}) DETACH DELETE n`, whose memory
// grows with the user. Each user can be deleted only once, so every repetition has users of its own.
import type { BenchApp } from "../benchApp";
import { progress } from "../progress";
import type { ScenarioResult } from "../report";
import { addUserWithMessages } from "../seed";
import { measureSides } from "./common";

const MESSAGES = 20_000;
const SHAPE = { messages: MESSAGES, threads: 4, perCall: 30, concurrency: 8 };
const WARMUP_SHAPE = { ...SHAPE, messages: 600 };
const REPETITIONS = 1;

const DELETE_USER = `mutation($userId: ID!) { deleteUser(userId: $userId) { deletedThreads deletedMessages deletedNodes } }`;
const BASELINE_DELETE = `MATCH (n {groupId: $groupId}) DETACH DELETE n`;
const COUNT_WORLD = `MATCH (n {groupId: $groupId}) RETURN count(n) AS n`;

interface Seeded {
  userId: string;
  groupId: string;
  /** addMessages calls that seeding had to try again. */
  retried: number;
}

export async function deleteLargeUser(app: BenchApp): Promise<ScenarioResult> {
  await warmUp(app);
  const { ours, naive } = await seedUsers(app);
  const worldSize = await countWorld(app, naive[0]!);
  const oursQueue = [...ours];
  const naiveQueue = [...naive];
  const sides = await measureSides(app, {
    warmups: 0,
    repetitions: REPETITIONS,
    ours: {
      method: "deleteUser: a tombstone, then batches of 1,000 nodes, each its own transaction",
      run: () => deleteOurs(app, oursQueue.shift()!, MESSAGES),
    },
    baseline: {
      method: "MATCH (n {groupId: $g}) DETACH DELETE n, one transaction",
      run: () => deleteNaive(app, naiveQueue.shift()!),
    },
  });
  await expectGone(app, [...ours, ...naive]);
  const retried = [...ours, ...naive].reduce((sum, user) => sum + user.retried, 0);
  return {
    id: "delete-user",
    title: `4. deleteUser with ${MESSAGES} messages`,
    ...sides,
    notes: [
      `ours holds at most one batch (1,000 nodes) in a transaction's memory, whatever the user's size; ` +
        `the baseline holds all ${worldSize} nodes of the world (user, node, threads, messages and what the ` +
        `service derives from them) and their relationships in one transaction`,
      `${REPETITIONS} timed run${REPETITIONS === 1 ? "" : "s"} per side (each needs a freshly seeded user), ` +
        `after a warm-up with ${WARMUP_SHAPE.messages} messages`,
      ...(retried === 0
        ? []
        : [`seeding had to retry ${retried} addMessages call(s) that failed with INTERNAL_SERVER_ERROR (see stderr)`]),
    ],
  };
}

async function warmUp(app: BenchApp): Promise<void> {
  const ours = await seed(app, "forget-warm-ours", WARMUP_SHAPE);
  const naive = await seed(app, "forget-warm-naive", WARMUP_SHAPE);
  await deleteOurs(app, ours, WARMUP_SHAPE.messages);
  await deleteNaive(app, naive);
  await expectGone(app, [ours, naive]);
}

/** For every repetition, one user for each side, seeded alike. */
async function seedUsers(app: BenchApp): Promise<{ ours: Seeded[]; naive: Seeded[] }> {
  const ours: Seeded[] = [];
  const naive: Seeded[] = [];
  for (let i = 0; i < REPETITIONS; i += 1) {
    progress(`  seeding 2 users × ${MESSAGES} messages (repetition ${i + 1} of ${REPETITIONS})`);
    ours.push(await seed(app, `forget-ours-${i}`, SHAPE));
    naive.push(await seed(app, `forget-naive-${i}`, SHAPE));
  }
  return { ours, naive };
}

async function seed(app: BenchApp, userId: string, shape: typeof SHAPE): Promise<Seeded> {
  const { uuid, retried } = await addUserWithMessages(app, userId, shape);
  return { userId, groupId: uuid, retried };
}

async function deleteOurs(app: BenchApp, user: Seeded, messages: number): Promise<void> {
  const data = await app.execute<{ deleteUser: { deletedMessages: number } }>(DELETE_USER, { userId: user.userId });
  if (data.deleteUser.deletedMessages !== messages) {
    throw new Error(`deleteUser(${user.userId}) reported ${data.deleteUser.deletedMessages} messages; ${messages} were seeded`);
  }
}

async function deleteNaive(app: BenchApp, user: Seeded): Promise<void> {
  await app.baseline.write(BASELINE_DELETE, { groupId: user.groupId });
}

async function expectGone(app: BenchApp, users: Seeded[]): Promise<void> {
  for (const user of users) {
    const left = await countWorld(app, user);
    if (left !== 0) throw new Error(`${left} nodes of ${user.userId}'s world remain after its deletion`);
  }
}

async function countWorld(app: BenchApp, user: Seeded): Promise<number> {
  const [row] = await app.baseline.read(COUNT_WORLD, { groupId: user.groupId });
  return row?.n as number;
}
