import type { TestApp } from "./testApp";

// Waiting for the ingestion worker, as a client would: poll what the database holds a bounded number of
// times, never assert on how long it took.

const POLL_MS = 100;

/** Polls until `done()` holds, at most `attempts` times; fails the test with `what` when it never does. */
export async function eventually(what: string, done: () => Promise<boolean>, attempts = 300): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${what}: still not so after ${attempts} polls`);
}

/** Episodes of one user's world still queued or in progress. */
export async function pendingEpisodes(t: TestApp, groupId: string): Promise<number> {
  const [row] = await t.cypher(`MATCH (e:Pending {projectId: $p, groupId: $g}) RETURN count(e) AS n`, { p: t.projectId, g: groupId });
  return row?.n ?? 0;
}

/** Waits until no episode of the user's world is queued or in progress. */
export function allProcessed(t: TestApp, groupId: string, attempts?: number): Promise<void> {
  return eventually(`the episodes of ${groupId} are processed`, async () => (await pendingEpisodes(t, groupId)) === 0, attempts);
}

/** Every fact of one user's world, valid or not, by name and sentence, with both node names. */
export async function storedFacts(t: TestApp, groupId: string): Promise<{ name: string; fact: string; source: string; target: string; invalidAt: unknown; expiredAt: unknown; episodes: string[] }[]> {
  return t.cypher(
    `MATCH (s:Entity)-[f:RELATES_TO {groupId: $g}]->(o:Entity)
     RETURN f.name AS name, f.fact AS fact, s.name AS source, o.name AS target, f.invalidAt AS invalidAt,
       f.expiredAt AS expiredAt, f.episodes AS episodes
     ORDER BY f.createdAt, f.fact`,
    { g: groupId },
  );
}
