import pino from "pino";
import { IngestQueue } from "../../src/db/ingestQueue";
import { IngestStore } from "../../src/db/ingestStore";
import { factListSummarizer } from "../../src/domain/graph/summarizer";
import { DEFAULT_INGEST_SETTINGS, type IngestWorker, createIngestWorker } from "../../src/ingest";
import { type ModelServices, createModelServices } from "../../src/ingest/llm";
import { type GraphUser, addGraphUser, createThread } from "../support/graph";
import { allProcessed, eventually, storedFacts } from "../support/ingest";
import { embeddingsConfigFor, llmConfigFor } from "../support/modelConfigs";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/openAiStandIn";
import { type TestApp, startTestApp } from "../support/testApp";

// The model mode through the queue: episodes go through a language model behind the OpenAI wire protocol (a
// stand-in the test scripts), and what it extracts is applied to Neo4j as the embedded extractor's is:
// resolution to existing nodes, a restated fact cited rather than copied, a contradicted fact ended (kept),
// model-written summaries, vectors for what was added; failures retried, a dead worker's episode processed
// once, and a deleted user's queued episodes leaving nothing.

const NO_RESOLUTIONS = { json: { resolutions: [] } };

describe("ingestion with a language model", () => {
  let t: TestApp;
  let standIn: OpenAiStandIn;
  let models: ModelServices;
  let worker: IngestWorker | null = null;

  beforeAll(async () => {
    standIn = await startOpenAiStandIn();
    t = await startTestApp();
    models = createModelServices({ llm: llmConfigFor(standIn), embeddings: embeddingsConfigFor(standIn) }, t.app.metrics);
    // Whether the model is asked to resolve depends on the candidates an episode has (an exact name match
    // needs no asking); its answer here is always "nothing matches", so a reply left unused harms no one.
    standIn.scriptChat("resolve_entities", ...Array.from({ length: 30 }, () => NO_RESOLUTIONS));
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
  });
  afterAll(async () => {
    await t.close();
    await standIn.close();
  });

  function startWorker(settings: Partial<typeof DEFAULT_INGEST_SETTINGS> = {}): IngestWorker {
    worker = createIngestWorker(t.app.db, t.app.metrics, pino({ level: "silent" }), {
      ...DEFAULT_INGEST_SETTINGS,
      pollMs: 50,
      retryBaseMs: 20,
      ...settings,
      extractor: models.extractor ?? undefined,
      summaryWriter: models.summaryWriter,
      embedder: models.embedder,
      projectIds: [t.projectId],
    });
    worker.start();
    return worker;
  }

  /** The user says each line, in order, as USER messages of one thread. */
  async function says(user: GraphUser, threadId: string, ...lines: string[]): Promise<void> {
    const result = await t.execute(`mutation($t: ID!, $m: [MessageInput!]!) { addMessages(threadId: $t, messages: $m) { messageUuids } }`, {
      t: threadId,
      m: lines.map((content) => ({ role: "USER", content })),
    });
    expect(result.errors).toBeUndefined();
  }

  /** The user node's valid facts as the extractor is shown them: newest first (ingest.inputs). */
  async function shownFacts(user: GraphUser): Promise<string[]> {
    const rows = await t.cypher(
      `MATCH ()-[f:RELATES_TO {projectId: $p, sourceNodeUuid: $n}]->()
       WHERE f.expiredAt IS NULL AND (f.invalidAt IS NULL OR f.invalidAt > datetime())
       RETURN f.name AS name ORDER BY f.createdAt DESC, f.uuid DESC`,
      { p: t.projectId, n: user.nodeUuid },
    );
    return rows.map((row) => row.name as string);
  }

  async function summaryOf(uuid: string): Promise<string> {
    const [row] = await t.cypher(`MATCH (n:Entity {uuid: $u}) RETURN n.summary AS summary`, { u: uuid });
    return row?.summary as string;
  }

  it("resolves, cites and ends facts as the model judges, writes the model's summaries and embeds what it added", async () => {
    startWorker();
    const user = await addGraphUser(t, "llm-story", { firstName: "Jane", lastName: "Smith" });
    const threadId = await createThread(t, user.userId);

    standIn.scriptChat("extract_entities", {
      json: { entities: [{ name: "I", type: "Person", summary: null, isSubject: true }, { name: "Berlin", type: "Location", summary: null, isSubject: false }] },
    });
    standIn.scriptChat("extract_facts", {
      json: { facts: [{ sourceId: 0, targetId: 1, name: "lives in", fact: "Jane Smith lives in Berlin.", validAt: "2025-06-01T00:00:00Z", invalidAt: null }] },
    });
    standIn.scriptChat("summarize_node", { json: { summary: "Model summary A1." } }, { json: { summary: "Model summary A2." } });
    await says(user, threadId, "I live in Berlin.");
    await allProcessed(t, user.uuid);
    expect((await storedFacts(t, user.uuid)).map((fact) => `${fact.name} ${fact.target}`)).toEqual(["LIVES_IN Berlin"]);
    expect(["Model summary A1.", "Model summary A2."]).toContain(await summaryOf(user.nodeUuid));

    standIn.scriptChat("extract_entities", {
      json: { entities: [{ name: "I", type: "Person", summary: null, isSubject: true }, { name: "Acme", type: "Organization", summary: null, isSubject: false }] },
    });
    standIn.scriptChat("extract_facts", {
      json: { facts: [{ sourceId: 0, targetId: 1, name: "WORKS_AT", fact: "Jane Smith works at Acme.", validAt: null, invalidAt: null }] },
    });
    standIn.scriptChat("resolve_facts", { json: { facts: [{ id: 0, duplicateOf: null, contradicts: [] }] } });
    standIn.scriptChat("summarize_node", { json: { summary: "Model summary B1." } }, { json: { summary: "Model summary B2." } });
    await says(user, threadId, "I work at Acme.");
    await allProcessed(t, user.uuid);

    // The third message restates Acme and contradicts Berlin; the model cites them by position.
    const shown = await shownFacts(user);
    expect([...shown].sort()).toEqual(["LIVES_IN", "WORKS_AT"]);
    standIn.scriptChat("extract_entities", {
      json: {
        entities: [
          { name: "I", type: "Person", summary: null, isSubject: true },
          { name: "Paris", type: "Location", summary: null, isSubject: false },
          { name: "Acme", type: "Organization", summary: null, isSubject: false },
        ],
      },
    });
    standIn.scriptChat("extract_facts", {
      json: {
        facts: [
          { sourceId: 0, targetId: 1, name: "LIVES_IN", fact: "Jane Smith lives in Paris.", validAt: "2026-11-01T00:00:00Z", invalidAt: null },
          { sourceId: 0, targetId: 2, name: "WORKS_AT", fact: "Jane Smith works at Acme.", validAt: null, invalidAt: null },
        ],
      },
    });
    standIn.scriptChat("resolve_facts", {
      json: {
        facts: [
          { id: 0, duplicateOf: null, contradicts: [shown.indexOf("LIVES_IN")] },
          { id: 1, duplicateOf: shown.indexOf("WORKS_AT"), contradicts: [] },
        ],
      },
    });
    const thirdSummaries = ["Jane Smith lives in Paris and works at Acme.", "Paris is where Jane Smith lives.", "Berlin was Jane Smith's home."];
    standIn.scriptChat("summarize_node", ...thirdSummaries.map((summary) => ({ json: { summary } })));
    await says(user, threadId, "I moved to Paris this month; still at Acme.");
    await allProcessed(t, user.uuid);

    const facts = await storedFacts(t, user.uuid);
    expect(facts.map((fact) => `${fact.name} ${fact.target}`).sort()).toEqual(["LIVES_IN Berlin", "LIVES_IN Paris", "WORKS_AT Acme"]);
    const berlin = facts.find((fact) => fact.target === "Berlin");
    expect(berlin?.invalidAt).not.toBeNull();
    expect(berlin?.expiredAt).not.toBeNull();
    expect(facts.find((fact) => fact.target === "Paris")?.invalidAt).toBeNull();
    // Cited, not copied: one Acme fact, backed by both episodes that said it.
    expect(facts.find((fact) => fact.target === "Acme")?.episodes).toHaveLength(2);
    const [acmeNodes] = await t.cypher(`MATCH (n:Entity {groupId: $g, name: 'Acme'}) RETURN count(n) AS n`, { g: user.uuid });
    expect(acmeNodes?.n).toBe(1);

    // The user node's summary is the model's, written for its facts after the change: no Berlin in it.
    const summary = await summaryOf(user.nodeUuid);
    expect(thirdSummaries).toContain(summary);
    expect(summary).not.toContain("Berlin");
    const prompts = standIn.chatRequests("summarize_node").map((request) => JSON.stringify(request.body.messages));
    const lastUserPrompt = prompts.filter((prompt) => prompt.includes("Jane Smith lives in Paris")).at(-1) ?? "";
    expect(lastUserPrompt).not.toContain("lives in Berlin");

    // Vectors for every fact added and for the episodes. The worker stores an episode's vectors after it
    // has committed the episode (no longer pending), so the last episode's may still be on their way.
    const vectors = async () =>
      (
        await t.cypher(
          `MATCH ()-[f:RELATES_TO {groupId: $g}]->() WITH count(f) AS facts, count(f.embedding) AS embedded
           MATCH (e:Episodic {groupId: $g}) RETURN facts, embedded, count(e.embedding) AS episodes`,
          { g: user.uuid },
        )
      )[0];
    // Waited for without failing, so that a vector that never comes fails the assertion below, with its counts.
    const allThree = async () => {
      const counts = await vectors();
      return counts?.embedded === 3 && counts?.episodes === 3;
    };
    await eventually("every fact and episode has its vector", allThree).catch(() => undefined);
    expect(await vectors()).toEqual({ facts: 3, embedded: 3, episodes: 3 });
    expect(standIn.unusedReplies().filter((name) => name !== "resolve_entities")).toEqual([]);
  });

  it("retries an episode whose model calls keep failing, and processes it once the model answers", async () => {
    startWorker();
    const user = await addGraphUser(t, "llm-retry");
    const threadId = await createThread(t, user.userId);
    // The client tries each call three times (llmConfigFor); the episode's first attempt fails on all three.
    standIn.scriptChat("extract_entities", { status: 500 }, { status: 429, headers: { "retry-after": "0" } }, { status: 503 }, {
      json: { entities: [{ name: "I", type: "Person", summary: null, isSubject: true }, { name: "Lisbon", type: "Location", summary: null, isSubject: false }] },
    });
    standIn.scriptChat("extract_facts", {
      json: { facts: [{ sourceId: 0, targetId: 1, name: "LIVES_IN", fact: "Jane Roe lives in Lisbon.", validAt: null, invalidAt: null }] },
    });
    standIn.scriptChat("summarize_node", { json: { summary: "Lives in Lisbon." } }, { json: { summary: "A city." } });
    await says(user, threadId, "I live in Lisbon.");
    await allProcessed(t, user.uuid);
    const [episode] = await t.cypher(`MATCH (e:Episodic {groupId: $g}) RETURN e.ingestState AS state, e.ingestAttempts AS attempts`, { g: user.uuid });
    expect(episode).toEqual({ state: "DONE", attempts: 2 });
    expect((await storedFacts(t, user.uuid)).map((fact) => fact.fact)).toEqual(["Jane Roe lives in Lisbon."]);
  });

  it("marks FAILED, with the model's refusal as the reason, an episode the model keeps refusing", async () => {
    startWorker({ maxAttempts: 2 });
    const user = await addGraphUser(t, "llm-refused");
    const threadId = await createThread(t, user.userId);
    const refusal = { status: 400, body: { error: { message: "model does not support json_schema" } } };
    standIn.scriptChat("extract_entities", refusal, refusal);
    await says(user, threadId, "I live in Oslo.");
    await allProcessed(t, user.uuid);
    const [episode] = await t.cypher(`MATCH (e:Episodic {groupId: $g}) RETURN e.ingestState AS state, e.failureReason AS reason`, { g: user.uuid });
    expect(episode?.state).toBe("FAILED");
    expect(episode?.reason).toContain("400");
    expect(await storedFacts(t, user.uuid)).toEqual([]);
  });

  it("processes once an episode whose worker died after the model answered and before it applied", async () => {
    const user = await addGraphUser(t, "llm-crash");
    const threadId = await createThread(t, user.userId);
    await says(user, threadId, "My manager is Tom Becker.");
    const queue = new IngestQueue(t.app.db, [t.projectId]);
    const [ownerId] = await queue.readyUsers(10);
    const claimed = await queue.claim(ownerId!, "dead-worker", "dead-token", 300);
    expect(claimed?.input?.episode.content).toBe("My manager is Tom Becker.");
    const managerEntities = {
      json: { entities: [{ name: "I", type: "Person", summary: null, isSubject: true }, { name: "Tom Becker", type: "Person", summary: null, isSubject: false }] },
    };
    const managerFacts = {
      json: { facts: [{ sourceId: 0, targetId: 1, name: "HAS_MANAGER", fact: "Tom Becker is Jane Roe's manager.", validAt: null, invalidAt: null }] },
    };
    // Twice: once for the worker that dies, once for the one that takes over.
    standIn.scriptChat("extract_entities", managerEntities, managerEntities);
    standIn.scriptChat("extract_facts", managerFacts, managerFacts);
    standIn.scriptChat("summarize_node", { json: { summary: "Jane's manager is Tom." } }, { json: { summary: "Tom manages Jane." } });
    const extraction = await models.extractor!.extract(claimed!.input!, new AbortController().signal);

    startWorker();
    await allProcessed(t, user.uuid);
    expect(await new IngestStore(t.app.db).apply(claimed!.claim, extraction, factListSummarizer)).toBe("lost");
    const facts = await storedFacts(t, user.uuid);
    expect(facts.map((fact) => `${fact.name} ${fact.target}`)).toEqual(["HAS_MANAGER Tom Becker"]);
    expect(facts[0]?.episodes).toHaveLength(1);
    const [episode] = await t.cypher(`MATCH (e:Episodic {groupId: $g}) RETURN e.ingestAttempts AS attempts`, { g: user.uuid });
    expect(episode?.attempts).toBe(2);
  });

  it("leaves nothing of a user deleted while the model works on one episode and others wait", async () => {
    startWorker();
    const user = await addGraphUser(t, "llm-forget");
    const threadId = await createThread(t, user.userId);
    const before = standIn.chatRequests("extract_entities").length;
    standIn.scriptChat("extract_entities", { hang: true }, { hang: true }, { hang: true });
    await says(user, threadId, "I live in Rome.", "I work at Globex.", "My phone is 555 0100.");
    // Wait until the first episode is with the model.
    for (let poll = 0; poll < 300 && standIn.chatRequests("extract_entities").length === before; poll += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(standIn.chatRequests("extract_entities").length).toBeGreaterThan(before);
    const deleted = await t.execute(`mutation($u: ID!) { deleteUser(userId: $u) { deletedThreads } }`, { u: user.userId });
    expect(deleted.errors).toBeUndefined();
    await worker?.stop();
    worker = null;
    const [left] = await t.cypher(`MATCH (n {groupId: $g}) RETURN count(n) AS nodes`, { g: user.uuid });
    const [facts] = await t.cypher(`MATCH ()-[f:RELATES_TO {groupId: $g}]->() RETURN count(f) AS n`, { g: user.uuid });
    expect({ nodes: left?.nodes, facts: facts?.n }).toEqual({ nodes: 0, facts: 0 });
  });
});
