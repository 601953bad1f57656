import pino from "pino";
import { IngestQueue } from "../../src/db/ingestQueue";
import { IngestStore } from "../../src/db/ingestStore";
import { factListSummarizer } from "../../src/domain/graph/summarizer";
import { DEFAULT_INGEST_SETTINGS, type IngestWorker, createIngestWorker } from "../../src/ingest";
import { extractEmbedded } from "../../src/ingest/embedded";
import type { Extractor } from "../../src/domain/extraction";
import { type GraphUser, addGraphUser, addMessages, createThread, graphCounts } from "../support/graph";
import { allProcessed, eventually, pendingEpisodes, storedFacts } from "../support/ingest";
import { type TestApp, startTestApp } from "../support/testApp";

// The queue's promises, each with a worker the test starts itself: an episode whose worker died is
// processed again, once; an extractor that keeps failing ends in FAILED without holding up the user's
// later episodes; a user deleted while their episodes wait or are processed leaves nothing behind, and so
// does a thread deleted while its episode is extracted.

describe("the ingestion queue", () => {
  let t: TestApp;
  let worker: IngestWorker | null = null;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
  });
  afterAll(() => t.close());

  function startWorker(extractor: Extractor, settings: Partial<typeof DEFAULT_INGEST_SETTINGS> = {}): IngestWorker {
    worker = createIngestWorker(t.app.db, t.app.metrics, pino({ level: "silent" }), {
      ...DEFAULT_INGEST_SETTINGS,
      pollMs: 50,
      retryBaseMs: 20,
      ...settings,
      extractor,
      projectIds: [t.projectId],
    });
    worker.start();
    return worker;
  }

  async function userTalking(label: string, messages: string[]): Promise<{ user: GraphUser; threadId: string }> {
    const user = await addGraphUser(t, label);
    const threadId = await createThread(t, user.userId);
    // addMessages alternates USER and ASSISTANT; every other line is the user's.
    await addMessages(t, threadId, messages.flatMap((content) => [content, "Noted."]));
    return { user, threadId };
  }

  async function episodes(groupId: string): Promise<{ content: string; state: string; attempts: number; seq: number; processedSeq: number | null; reason: string | null }[]> {
    return t.cypher(
      `MATCH (e:Episodic {projectId: $p, groupId: $g})
       RETURN e.content AS content, e.ingestState AS state, e.ingestAttempts AS attempts, e.ingestSeq AS seq,
         e.processedSeq AS processedSeq, e.failureReason AS reason
       ORDER BY e.ingestSeq`,
      { p: t.projectId, g: groupId },
    );
  }

  it("claims again an episode whose worker died (its lease expired) and processes it once, with no duplicate fact", async () => {
    const { user } = await userTalking("iq-crash", ["I work at Initech."]);
    const queue = new IngestQueue(t.app.db, [t.projectId]);
    // A worker claims the first episode with a short lease, extracts, and "dies" before applying.
    const [ownerId] = await queue.readyUsers(10);
    const claimed = await queue.claim(ownerId!, "dead-worker", "dead-token", 300);
    expect(claimed?.input?.episode.content).toBe("I work at Initech.");
    const dead = claimed!.claim;
    const extraction = extractEmbedded(claimed!.input!);
    const store = new IngestStore(t.app.db);
    expect((await episodes(user.uuid))[0]).toMatchObject({ state: "PROCESSING", attempts: 1 });

    startWorker({ kind: "embedded", extract: (i) => Promise.resolve(extractEmbedded(i)) });
    await allProcessed(t, user.uuid);
    expect(await episodes(user.uuid)).toEqual([
      { content: "I work at Initech.", state: "DONE", attempts: 2, seq: 0, processedSeq: 1, reason: null },
      { content: "Noted.", state: "DONE", attempts: 1, seq: 1, processedSeq: 2, reason: null },
    ]);
    // The dead worker comes back and applies what it had: its claim is gone, so nothing is written.
    expect(await store.apply(dead, extraction, factListSummarizer)).toBe("lost");
    const facts = await storedFacts(t, user.uuid);
    expect(facts.map((fact) => `${fact.name} ${fact.target}`)).toEqual(["WORKS_AT Initech"]);
    expect(facts[0]?.episodes).toHaveLength(1);
  });

  it("writes nothing of an episode whose thread is deleted while it is extracted, and leaves nothing of the thread queued", async () => {
    const { user, threadId } = await userTalking("iq-thread", ["I work at Initech."]);
    const queue = new IngestQueue(t.app.db, [t.projectId]);
    const [ownerId] = await queue.readyUsers(10);
    const claimed = await queue.claim(ownerId!, "slow-worker", "slow-token", 60_000);
    expect(claimed?.input?.episode.content).toBe("I work at Initech.");
    const extraction = extractEmbedded(claimed!.input!);
    expect(extraction.facts.length).toBeGreaterThan(0);

    const deleted = await t.execute(`mutation($id: ID!) { deleteThread(threadId: $id) { deletedMessages } }`, { id: threadId });
    expect(deleted.errors).toBeUndefined();
    expect(await new IngestStore(t.app.db).apply(claimed!.claim, extraction, factListSummarizer)).toBe("lost");
    // Nothing the conversation said survives it: no fact, no node but the user's own, no episode, no queue.
    expect(await storedFacts(t, user.uuid)).toEqual([]);
    expect(await graphCounts(t, user.uuid)).toEqual({ entities: 1, facts: 0, episodes: 0 });
    expect(await pendingEpisodes(t, user.uuid)).toBe(0);
  });

  it("retries a failing extraction with backoff, then marks it FAILED with the reason; the user's later episode goes ahead", async () => {
    const calls: string[] = [];
    startWorker(
      {
        kind: "flaky",
        extract: (input) => {
          calls.push(input.episode.content);
          if (input.episode.content.includes("boom")) return Promise.reject(new Error("the extractor broke on boom"));
          return Promise.resolve(extractEmbedded(input));
        },
      },
      { maxAttempts: 3 },
    );
    const { user } = await userTalking("iq-fail", ["boom", "I live in Lisbon."]);
    await allProcessed(t, user.uuid);
    expect(calls.filter((content) => content === "boom")).toHaveLength(3);
    const stored = await episodes(user.uuid);
    expect(stored.map(({ content, state, attempts, processedSeq }) => [content, state, attempts, processedSeq])).toEqual([
      ["boom", "FAILED", 3, 1],
      ["Noted.", "DONE", 1, 2],
      ["I live in Lisbon.", "DONE", 1, 3],
      ["Noted.", "DONE", 1, 4],
    ]);
    expect(stored[0]?.reason).toBe("the extractor broke on boom");
    expect((await storedFacts(t, user.uuid)).map((fact) => fact.fact)).toEqual(["Jane Roe lives in Lisbon"]);

    const result = await t.execute(`query($u: ID!) { user(userId: $u) { episodes(last: 10) { content processed processingState failureReason } } }`, { u: user.userId });
    expect(result.data?.user.episodes).toContainEqual({ content: "boom", processed: true, processingState: "FAILED", failureReason: "the extractor broke on boom" });
    const failed = await t.app.metrics.ingestEpisodes.get();
    expect(failed.values.find((value) => value.labels.outcome === "failed")?.value).toBeGreaterThanOrEqual(1);
  });

  it("deleting a user while one episode is in flight and others wait leaves nothing of them, even when the extraction ends after", async () => {
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const applied: string[] = [];
    startWorker({
      kind: "gated",
      extract: async (input) => {
        started();
        await released;
        applied.push(input.episode.uuid);
        return extractEmbedded(input);
      },
    });
    const { user } = await userTalking("iq-delete", ["I work at Hooli.", "I live in Oslo.", "My manager is Ann Lee."]);
    await inFlight;
    expect(await pendingEpisodes(t, user.uuid)).toBe(6);

    const deleted = await t.execute(`mutation($u: ID!) { deleteUser(userId: $u) { userId } }`, { u: user.userId });
    expect(deleted.errors).toBeUndefined();
    release();
    // The late apply has run (and written nothing) once the worker is idle again.
    await eventually("the worker is done with the episode in flight", () => Promise.resolve(applied.length === 1 && worker?.busy === 0));
    expect(await t.cypher(`MATCH (e:Pending {projectId: $p}) RETURN e.uuid AS uuid`, { p: t.projectId })).toEqual([]);
    expect(await graphCounts(t, user.uuid)).toEqual({ entities: 0, facts: 0, episodes: 0 });
    const [left] = await t.cypher(`MATCH (n {groupId: $g}) RETURN count(n) AS n`, { g: user.uuid });
    expect(left?.n).toBe(0);
  });
});
