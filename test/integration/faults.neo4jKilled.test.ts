import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { type App, createApp } from "../../src/app";
import { type LocalNeo4j, startLocalNeo4j } from "../../src/localNeo4j/launch";
import { findFreePort } from "../../src/localNeo4j/port";

// Neo4j killed with SIGKILL under concurrent writers, then started again on the same store: no write the
// service acknowledged is lost, clients are told SERVICE_UNAVAILABLE (never an internal error) while it is
// away, and the same service instance serves again once it is back, without a restart. A Neo4j of its own,
// so that killing it disturbs no other test.

const WRITERS = 8;
/** Bounds on each phase, so that the test ends by itself whatever happens. */
const MAX_CALLS_PER_PHASE = 400;

jest.setTimeout(600_000);

describe("Neo4j killed and restarted during concurrent writes", () => {
  let dir: string;
  let port: number;
  const password = randomBytes(12).toString("base64url");
  let neo4j: LocalNeo4j;
  let app: App;
  const projectId = "faults";

  const start = () => startLocalNeo4j({ port, dataDir: path.join(dir, "data"), password, tieToParent: true, pageCache: "64m" });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "usergraph-faults-"));
    port = await findFreePort();
    neo4j = await start();
    app = await createApp(
      { neo4jUri: neo4j.uri, neo4jUsername: "neo4j", neo4jPassword: password, neo4jDatabase: "neo4j", projectId, nodeEnv: "test", neo4jTimeoutMs: 1000 },
      pino({ level: "silent" }),
    );
  });

  afterAll(async () => {
    await app?.close();
    await neo4j?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function execute(query: string, variables: Record<string, unknown>) {
    const response = await app.server.apollo.executeOperation({ query, variables }, { contextValue: app.server.context() });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return response.body.singleResult as { data?: any; errors?: { extensions?: { code?: unknown } }[] };
  }

  async function storedMessages(): Promise<number> {
    const result = await execute(`query { threadsOrdered(pageSize: 100) { threads { messageCount } } }`, {});
    return ((result.data?.threadsOrdered.threads ?? []) as { messageCount: number }[]).reduce((sum, thread) => sum + thread.messageCount, 0);
  }

  async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
    for (let attempt = 0; attempt < 600 && !(await condition()); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const ADD = `mutation($t: ID!, $c: String!) { addMessages(threadId: $t, messages: [{ role: USER, content: $c }]) { messageUuids } }`;

  /** One writer: adds messages until `until()` says stop or the bound is reached; returns what it saw. */
  async function writer(threadId: string, until: (seen: { ok: number; codes: string[] }) => boolean) {
    const seen = { ok: 0, codes: [] as string[], acknowledged: [] as string[] };
    for (let call = 0; call < MAX_CALLS_PER_PHASE && !until(seen); call += 1) {
      const result = await execute(ADD, { t: threadId, c: `message ${call}` });
      if (result.errors) seen.codes.push(String(result.errors[0]?.extensions?.code));
      else {
        seen.ok += 1;
        seen.acknowledged.push(...(result.data.addMessages.messageUuids as string[]));
      }
    }
    return seen;
  }

  it("loses no acknowledged write, answers SERVICE_UNAVAILABLE while Neo4j is away, and recovers without a restart", async () => {
    const threads: string[] = [];
    for (let i = 0; i < WRITERS; i += 1) {
      const userId = `writer-${i}`;
      expect((await execute(`mutation($u: ID!) { addUser(input: { userId: $u }) { userId } }`, { u: userId })).errors).toBeUndefined();
      const threadId = `thread-${i}`;
      expect((await execute(`mutation($t: ID!, $u: ID!) { createThread(input: { threadId: $t, userId: $u }) { threadId } }`, { t: threadId, u: userId })).errors).toBeUndefined();
      threads.push(threadId);
    }

    // Writers run until each has seen the outage; Neo4j dies once they have all written.
    let killed = false;
    const during = Promise.all(threads.map((threadId) => writer(threadId, (seen) => killed && seen.codes.length >= 2)));
    await waitUntil(async () => (await storedMessages()) >= WRITERS);
    process.kill(neo4j.pid, "SIGKILL");
    killed = true;
    const outage = await during;

    neo4j = await start();
    // The same app, never restarted: writers go on until each has had a write acknowledged again.
    const after = await Promise.all(threads.map((threadId) => writer(threadId, (seen) => seen.ok >= 3)));

    const codes = outage.flatMap((seen) => seen.codes);
    expect(codes.length).toBeGreaterThanOrEqual(WRITERS);
    expect(new Set(codes)).toEqual(new Set(["SERVICE_UNAVAILABLE"]));
    expect(after.every((seen) => seen.ok >= 3)).toBe(true);

    const acknowledged = [...outage, ...after].flatMap((seen) => seen.acknowledged);
    const found = new Set<string>();
    for (const threadId of threads) {
      const page = await execute(`query($t: ID!) { thread(threadId: $t) { messages(first: 100) { edges { node { uuid } } pageInfo { hasNextPage endCursor } } } }`, { t: threadId });
      let connection = page.data.thread.messages;
      for (;;) {
        for (const edge of connection.edges) found.add(edge.node.uuid);
        if (!connection.pageInfo.hasNextPage) break;
        const next = await execute(`query($t: ID!, $a: String) { thread(threadId: $t) { messages(first: 100, after: $a) { edges { node { uuid } } pageInfo { hasNextPage endCursor } } } }`, { t: threadId, a: connection.pageInfo.endCursor });
        connection = next.data.thread.messages;
      }
    }
    const lost = acknowledged.filter((uuid) => !found.has(uuid));
    expect(lost).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(WRITERS * 3);
  });
});
