// Scenario 1: a page of 100 users, each with the summary of the user's graph node. The service reads the
// page and then every node in one batched loader call: two statements. The baseline is the N+1 that a
// resolver querying once per parent makes: the page, then one statement per user for the node.
import type { BenchApp } from "../benchApp";
import type { ScenarioResult } from "../report";
import { addUsers } from "../seed";
import { expectSame, measureSides, SEQUENTIAL_NOTE } from "./common";

const USERS = 100;

const QUERY = `query UsersWithNodes($n: Int!) { users(first: $n) { edges { node { node { summary } } } } }`;

// The same page as user.page-forward (newest first, userId breaking ties), without its extras.
const BASELINE_PAGE = `
MATCH (u:User {projectId: $projectId})
RETURN u.uuid AS uuid
ORDER BY u.createdAt DESC, u.userId DESC
LIMIT $limit`;

const BASELINE_NODE = `
MATCH (:User {projectId: $projectId, uuid: $uuid})-[:HAS_NODE]->(n:Entity)
RETURN n {.*} AS node`;

interface UsersWithNodes {
  users: { edges: { node: { node: { summary: string } | null } }[] };
}

export async function usersWithNodes(app: BenchApp): Promise<ScenarioResult> {
  await addUsers(app, "nodes", USERS);
  const { projectId, baseline } = app;

  const ours = async (): Promise<(string | null)[]> => {
    const data = await app.execute<UsersWithNodes>(QUERY, { n: USERS });
    return data.users.edges.map((edge) => edge.node.node?.summary ?? null);
  };
  const naive = async (): Promise<(string | null)[]> => {
    const page = await baseline.read(BASELINE_PAGE, { projectId, limit: USERS });
    const summaries: (string | null)[] = [];
    for (const { uuid } of page) {
      const [row] = await baseline.read(BASELINE_NODE, { projectId, uuid });
      summaries.push((row?.node as { summary?: string } | undefined)?.summary ?? null);
    }
    return summaries;
  };
  const answer = await ours();
  if (answer.length !== USERS) throw new Error(`expected a page of ${USERS} users, got ${answer.length}`);
  expectSame("users with nodes", answer, await naive());

  const sides = await measureSides(app, {
    warmups: 2,
    repetitions: 9,
    ours: { method: `users(first: ${USERS}) { node { summary } } through GraphQL, batched loaders`, run: ours },
    baseline: { method: `the page, then one statement per user for the node (N+1)`, run: naive },
  });
  return { id: "users-with-nodes", title: `1. ${USERS} users with node summary`, ...sides, notes: [SEQUENTIAL_NOTE] };
}
