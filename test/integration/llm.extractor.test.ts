import type { ExtractionInput } from "../../src/domain/extraction";
import { LlmExtractor } from "../../src/ingest/llm/llmExtractor";
import { LlmSummaryWriter } from "../../src/ingest/llm/llmSummaryWriter";
import { TokenBudgetExceeded } from "../../src/ingest/llm/modelErrors";
import { createMetrics } from "../../src/metrics";
import type { LlmConfig } from "../../src/modelConfig";
import { llmConfigFor } from "../support/modelConfigs";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/openAiStandIn";

// LlmExtractor and LlmSummaryWriter against the stand-in, with a scripted conversation: Jane, who lived in
// Berlin and works at Acme, writes that she moved to Paris and that Tom Becker is her manager.

const subject = { userId: "jane-1", userUuid: "user-uuid", nodeUuid: "node-jane", name: "Jane Smith", email: "jane@example.com", firstName: "Jane", lastName: "Smith" };
const episodeTime = new Date("2026-03-15T10:00:00Z");

const conversation: ExtractionInput = {
  subject,
  episode: {
    uuid: "ep-3",
    kind: "MESSAGE",
    content: "I moved to Paris last month, still at Acme Corporation. My manager is Tom Becker.",
    roleType: "user",
    speaker: null,
    createdAt: episodeTime,
  },
  previousEpisodes: [{ content: "Where do you live these days?", roleType: "assistant", createdAt: new Date("2026-03-15T09:59:00Z") }],
  candidates: [
    { uuid: "node-acme", name: "Acme", labels: ["Entity", "Organization"], summary: "Jane's employer." },
    { uuid: "node-berlin", name: "Berlin", labels: ["Entity", "Location"], summary: "" },
  ],
  facts: [
    { uuid: "fact-berlin", name: "LIVES_IN", fact: "Jane Smith lives in Berlin.", sourceNodeUuid: "node-jane", targetNodeUuid: "node-berlin", validAt: new Date("2024-05-01"), invalidAt: null },
    { uuid: "fact-acme", name: "WORKS_AT", fact: "Jane Smith works at Acme.", sourceNodeUuid: "node-jane", targetNodeUuid: "node-acme", validAt: null, invalidAt: null },
  ],
};

const usage = (prompt: number, completion: number) => ({ prompt, completion });

function scriptConversation(standIn: OpenAiStandIn): void {
  standIn.scriptChat("extract_entities", {
    json: {
      entities: [
        { name: "I", type: "Person", summary: "Moved to Paris.", isSubject: true },
        { name: "Paris", type: "Location", summary: null, isSubject: false },
        { name: "Acme Corporation", type: "Organization", summary: null, isSubject: false },
        { name: "Tom Becker", type: "Person", summary: "Jane's manager.", isSubject: false },
      ],
    },
    usage: usage(900, 120),
  });
  // Paris, Acme Corporation and Tom Becker (no exact name match), by their position in NEW ENTITIES.
  standIn.scriptChat("resolve_entities", {
    json: { resolutions: [{ id: 0, candidateId: null }, { id: 1, candidateId: 0 }, { id: 2, candidateId: 5 }] },
    usage: usage(700, 40),
  });
  // ENTITIES: 0 the subject, 1 Paris, 2 Acme Corporation, 3 Tom Becker.
  standIn.scriptChat("extract_facts", {
    json: {
      facts: [
        { sourceId: 0, targetId: 1, name: "lives in", fact: "Jane Smith lives in Paris.", validAt: "2026-02-01T00:00:00Z", invalidAt: null },
        { sourceId: 0, targetId: 2, name: "WORKS_AT", fact: "Jane Smith works at Acme Corporation.", validAt: null, invalidAt: null },
        { sourceId: 0, targetId: 3, name: "HAS_MANAGER", fact: "Tom Becker is Jane Smith's manager.", validAt: "2026-03-15T10:00:00Z", invalidAt: null },
        { sourceId: 3, targetId: 3, name: "IS", fact: "Tom Becker is Tom Becker.", validAt: null, invalidAt: null },
      ],
    },
    usage: usage(1100, 260),
  });
  // EXISTING FACTS: 0 Berlin, 1 Acme. The model also invents ids 7 and 9, which must go.
  standIn.scriptChat("resolve_facts", {
    json: {
      facts: [
        { id: 0, duplicateOf: null, contradicts: [0, 9] },
        { id: 1, duplicateOf: 1, contradicts: [] },
        { id: 2, duplicateOf: 7, contradicts: [] },
      ],
    },
    usage: usage(800, 60),
  });
}

describe("LlmExtractor against the stand-in", () => {
  let standIn: OpenAiStandIn;
  const signal = new AbortController().signal;
  const extractor = (overrides: Partial<LlmConfig> = {}) => LlmExtractor.fromConfig(llmConfigFor(standIn, overrides), createMetrics(), { sleep: () => Promise.resolve() });

  beforeEach(async () => {
    standIn = await startOpenAiStandIn();
  });
  afterEach(() => standIn.close());

  it("resolves the subject and an existing node, marks a duplicate and a contradiction, and drops what it invented", async () => {
    scriptConversation(standIn);
    const extraction = await extractor().extract(conversation, signal);
    expect(standIn.unusedReplies()).toEqual([]);
    expect(extraction.entities).toEqual([
      { ref: "subject", name: "Jane Smith", labels: [], summary: "Moved to Paris.", resolvedUuid: "node-jane" },
      { ref: "e1", name: "Paris", labels: ["Location"], summary: null, resolvedUuid: null },
      { ref: "e2", name: "Acme Corporation", labels: ["Organization"], summary: null, resolvedUuid: "node-acme" },
      { ref: "e3", name: "Tom Becker", labels: ["Person"], summary: "Jane's manager.", resolvedUuid: null },
    ]);
    expect(extraction.facts).toEqual([
      {
        name: "LIVES_IN",
        fact: "Jane Smith lives in Paris.",
        sourceRef: "subject",
        targetRef: "e1",
        validAt: new Date("2026-02-01T00:00:00Z"),
        invalidAt: null,
        duplicateOf: null,
        contradicts: ["fact-berlin"],
      },
      {
        name: "WORKS_AT",
        fact: "Jane Smith works at Acme Corporation.",
        sourceRef: "subject",
        targetRef: "e2",
        validAt: null,
        invalidAt: null,
        duplicateOf: "fact-acme",
        contradicts: [],
      },
      {
        name: "HAS_MANAGER",
        fact: "Tom Becker is Jane Smith's manager.",
        sourceRef: "subject",
        targetRef: "e3",
        validAt: episodeTime,
        invalidAt: null,
        duplicateOf: null,
        contradicts: [],
      },
    ]);
    expect(extraction.tokens).toEqual({ prompt: 3500, completion: 480 });
  });

  it("tells the model who I is, shows it the episode's time, and cites candidates and facts by position, never by uuid", async () => {
    scriptConversation(standIn);
    await extractor().extract(conversation, signal);
    const prompt = (name: string) => (standIn.chatRequests(name)[0]?.body.messages as { content: string }[]).map((m) => m.content).join("\n");
    expect(prompt("extract_entities")).toContain('"I", "me", "my" and "mine" in it refer to Jane Smith');
    expect(prompt("extract_entities")).toContain(conversation.episode.content);
    expect(prompt("extract_entities")).toContain("Where do you live these days?");
    expect(prompt("extract_facts")).toContain("the episode was written at 2026-03-15T10:00:00.000Z");
    expect(prompt("resolve_entities")).toContain('{"candidateId":0,"name":"Acme","types":["Organization"],"summary":"Jane\'s employer."}');
    expect(prompt("resolve_facts")).toContain('{"id":0,"name":"LIVES_IN","fact":"Jane Smith lives in Berlin.","validAt":"2024-05-01T00:00:00.000Z"}');
    for (const name of ["resolve_entities", "resolve_facts"]) {
      expect(prompt(name)).not.toContain("node-acme");
      expect(prompt(name)).not.toContain("fact-berlin");
    }
  });

  it("makes only the calls it needs: no resolution without candidates or facts, and an exact name settles without the model", async () => {
    standIn.scriptChat("extract_entities", { json: { entities: [{ name: "Acme", type: "Organization", summary: null, isSubject: false }] } });
    standIn.scriptChat("extract_facts", { json: { facts: [{ sourceId: 0, targetId: 1, name: "WORKS_AT", fact: "Jane Smith works at Acme.", validAt: null, invalidAt: null }] } });
    const extraction = await extractor().extract({ ...conversation, facts: [] }, signal);
    expect(standIn.chatRequests().map((request) => request.body.response_format.json_schema.name)).toEqual(["extract_entities", "extract_facts"]);
    expect(extraction.entities.find((entity) => entity.name === "Acme")?.resolvedUuid).toBe("node-acme");
    expect(extraction.facts[0]).toMatchObject({ sourceRef: "subject", duplicateOf: null, contradicts: [] });
  });

  it("retries a failing step and goes on; gives up with a retryable error when it keeps failing", async () => {
    standIn.scriptChat("extract_entities", { status: 503 }, { json: { entities: [] } });
    const nothing = await extractor().extract({ ...conversation, candidates: [], facts: [] }, signal);
    expect(nothing).toMatchObject({ entities: [{ ref: "subject" }], facts: [] });
    expect(standIn.chatRequests("extract_entities")).toHaveLength(2);

    standIn.scriptChat("extract_entities", { status: 500 }, { status: 500 }, { status: 500 });
    await expect(extractor().extract(conversation, signal)).rejects.toMatchObject({ retryable: true, message: expect.stringContaining("gave up after 3 attempts") });
  });

  it("stops an episode, not retryable, once its calls pass the token budget", async () => {
    scriptConversation(standIn);
    const failure = extractor({ maxTokensPerEpisode: 2000 }).extract(conversation, signal);
    await expect(failure).rejects.toBeInstanceOf(TokenBudgetExceeded);
    await expect(failure).rejects.toMatchObject({ retryable: false });
    // The first two calls used 1,760 tokens; extract_facts' prompt alone would pass 2,000, so it was never sent.
    expect(standIn.chatRequests().map((request) => request.body.response_format.json_schema.name)).toEqual(["extract_entities", "resolve_entities"]);
  });
});

describe("LlmSummaryWriter against the stand-in", () => {
  let standIn: OpenAiStandIn;
  const signal = new AbortController().signal;
  let writer: LlmSummaryWriter;

  beforeEach(async () => {
    standIn = await startOpenAiStandIn();
    writer = LlmSummaryWriter.fromConfig(llmConfigFor(standIn), createMetrics(), { sleep: () => Promise.resolve() });
  });
  afterEach(() => standIn.close());

  it("shows the model only the opening and the given facts, and returns its summary with the tokens used", async () => {
    standIn.scriptChat("summarize_node", { json: { summary: "Jane Smith lives in Paris and works at Acme." }, usage: usage(300, 20) });
    const node = { name: "Jane Smith", opening: "Jane Smith is a user with user id jane-1." };
    const result = await writer.summarize(node, ["Jane Smith lives in Paris.", "Jane Smith works at Acme."], signal);
    expect(result).toEqual({ summary: "Jane Smith lives in Paris and works at Acme.", tokens: { prompt: 300, completion: 20 } });
    const prompt = (standIn.chatRequests("summarize_node")[0]?.body.messages as { content: string }[]).map((m) => m.content).join("\n");
    expect(prompt).toContain(node.opening);
    expect(prompt).toContain('{"fact":"Jane Smith lives in Paris."}');
    expect(prompt).not.toContain("Berlin");
  });

  it("cuts a summary past 1,000 characters at a sentence end", async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Jane Smith did thing number ${i} last year.`).join(" ");
    standIn.scriptChat("summarize_node", { json: { summary: long } });
    const { summary } = await writer.summarize({ name: "Jane Smith", opening: "" }, ["Jane Smith did things."], signal);
    expect(long.length).toBeGreaterThan(1000);
    expect(summary.length).toBeLessThanOrEqual(1000);
    expect(summary.endsWith("last year.")).toBe(true);
  });
});
