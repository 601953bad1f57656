import type http from "node:http";
import type { TestApp } from "./testApp";

// For tests of the Idempotency-Key: what a key holds in Neo4j, a user's lock held from outside the service
// (so that a request is provably still running when its retry arrives), and answers that never reach their
// client although the server ran the request to its end.

/** The key's node as stored, or null. */
export async function storedKey(t: TestApp, key: string): Promise<Record<string, any> | null> {
  const [row] = await t.cypher(`MATCH (k:IdempotencyKey {projectId: $p, key: $key}) RETURN k {.*} AS k`, { p: t.projectId, key });
  return row?.k ?? null;
}

/** Waits until the key's status is `status`: a condition, not a duration. */
export async function untilKeyStatus(t: TestApp, key: string, status: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    if ((await storedKey(t, key))?.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Idempotency-Key "${key}" never reached status "${status}"`);
}

/** As if the request had answered nothing it kept (Neo4j went away after the write committed): the key is open. */
export async function forgetKeptAnswer(t: TestApp, key: string): Promise<void> {
  await t.cypher(`MATCH (k:IdempotencyKey {projectId: $p, key: $key}) SET k.status = 'open', k.response = null`, { p: t.projectId, key });
}

export async function expireKey(t: TestApp, key: string): Promise<void> {
  await t.cypher(`MATCH (k:IdempotencyKey {projectId: $p, key: $key}) SET k.expiresAt = datetime() - duration('PT1S')`, { p: t.projectId, key });
}

/** As if the key's holder had been silent for two minutes (it died, or lost Neo4j). */
export async function ageClaim(t: TestApp, key: string): Promise<void> {
  await t.cypher(`MATCH (k:IdempotencyKey {projectId: $p, key: $key}) SET k.aliveAt = datetime() - duration('PT2M')`, { p: t.projectId, key });
}

/**
 * Takes the user's write lock in a transaction of the test's own, as every write to the user's world takes
 * it first: writes to the user wait until `release`.
 */
export async function holdUserLock(t: TestApp, userId: string): Promise<() => Promise<void>> {
  const session = t.driver.session();
  const tx = session.beginTransaction();
  await tx.run(`MATCH (u:User {projectId: $p, userId: $id}) SET u.worldWrittenAt = datetime()`, { p: t.projectId, id: userId });
  return async () => {
    await tx.rollback();
    await session.close();
  };
}

/** The request header that marks a request whose answer is lost (see loseMarkedAnswers). */
export const LOSE_ANSWER = "x-test-lose-answer";

/**
 * From now on, a request carrying LOSE_ANSWER runs to its end on the server, and then, instead of its answer,
 * the client gets: a cut connection ("cut"), or a 503 as from a proxy that gave up on the server ("503").
 * Only the first request with each value of the header is spoiled. Returns a function that stops it.
 */
export function loseMarkedAnswers(server: http.Server, how: "cut" | "503"): () => void {
  const spoiled = new Set<string>();
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const mark = req.headers[LOSE_ANSWER];
    if (typeof mark !== "string" || spoiled.has(mark)) return;
    spoiled.add(mark);
    // The app's own listener ran first and has not answered yet: every route awaits Neo4j before it does.
    const end = res.end.bind(res) as (...args: any[]) => http.ServerResponse;
    res.end = ((...args: any[]) => {
      if (how === "cut") {
        res.socket?.destroy();
        return res;
      }
      const body = JSON.stringify({ message: "upstream went away" });
      res.statusCode = 503;
      res.setHeader("content-type", "application/json");
      res.setHeader("content-length", Buffer.byteLength(body));
      const callback = args.find((arg) => typeof arg === "function");
      return end(body, "utf8", callback);
    }) as typeof res.end;
  };
  server.on("request", listener);
  return () => server.off("request", listener);
}
