import type { ExtractionInput, KnownEntity, KnownFact } from "../../src/domain/extraction";
import { assemble, toSlots } from "../../src/ingest/llm/llmExtractor";
import { boundedSummary } from "../../src/ingest/llm/llmSummaryWriter";
import { LIMITS, clipText, nameKey, parseModelDate, upperSnakeCase } from "../../src/ingest/llm/sanitize";
import { sanitizeEntities } from "../../src/ingest/llm/steps/extractEntities";
import { sanitizeFacts } from "../../src/ingest/llm/steps/extractFacts";
import { sanitizeResolutions } from "../../src/ingest/llm/steps/resolveEntities";
import { type ResolvedNewFact, sanitizeFactResolutions } from "../../src/ingest/llm/steps/resolveFacts";

// What the extraction steps keep of a model's answer: everything usable, nothing invented.

const subject = { userId: "jane-1", userUuid: "u-1", nodeUuid: "node-jane", name: "Jane Smith", email: "jane@example.com", firstName: "Jane", lastName: "Smith" };
const episodeTime = new Date("2026-03-15T10:00:00Z");

function input(overrides: Partial<ExtractionInput["episode"]> = {}): ExtractionInput {
  return {
    subject,
    episode: { uuid: "ep-1", kind: "MESSAGE", content: "I moved to Paris.", roleType: "user", speaker: null, createdAt: episodeTime, ...overrides },
    previousEpisodes: [],
    candidates: [],
    facts: [],
  };
}

describe("sanitize helpers", () => {
  it.each([
    ["works at", "WORKS_AT"],
    ["worksAt", "WORKS_AT"],
    ["  lives-in ", "LIVES_IN"],
    ["HAS_PLAN", "HAS_PLAN"],
    ["prefère", "PREFÈRE"],
    ["!!!", null],
  ])("upperSnakeCase(%p) is %p", (text, expected) => {
    expect(upperSnakeCase(text)).toBe(expected);
  });

  it("bounds relation names", () => {
    expect(upperSnakeCase("a ".repeat(100))?.length).toBeLessThanOrEqual(LIMITS.factName);
  });

  it.each([
    ["2025-02-01", "2025-02-01T00:00:00.000Z"],
    ["2025-02-01T12:30:00Z", "2025-02-01T12:30:00.000Z"],
    ["2025-02-01T12:30", "2025-02-01T12:30:00.000Z"],
    ["2025-02-01T12:30:00+02:00", "2025-02-01T10:30:00.000Z"],
    ["2025-02-01T12:30:00.123456+0200", "2025-02-01T10:30:00.000Z"],
  ])("parseModelDate(%p) is %p", (text, iso) => {
    expect(parseModelDate(text)?.toISOString()).toBe(iso);
  });

  it.each(["last month", "2025-02-30", "2025-13-01", "0999-01-01", "2025-01-01T25:00:00Z", "", "01/02/2025"])("parseModelDate(%p) is null", (text) => {
    expect(parseModelDate(text)).toBeNull();
  });

  it("clips text at a word end and collapses whitespace", () => {
    expect(clipText("  one   two\nthree ", 100)).toBe("one two three");
    expect(clipText("alpha beta gamma delta", 13)).toBe("alpha beta");
    expect(nameKey("  Acme, Inc. ")).toBe("acme inc");
  });
});

describe("sanitizeEntities", () => {
  const entity = (name: string, extra: Partial<{ type: "Person" | "Location" | "Other"; summary: string | null; isSubject: boolean }> = {}) => ({
    name,
    type: extra.type ?? "Person",
    summary: extra.summary ?? null,
    isSubject: extra.isSubject ?? false,
  });

  it("recognises the subject by the flag, by I in their own message, and by their name or email", () => {
    const fromFlag = sanitizeEntities({ entities: [entity("the customer", { isSubject: true, summary: "Moved to Paris." })] }, input({ roleType: "assistant" }));
    expect(fromFlag).toEqual({ subjectMentioned: true, subjectSummary: "Moved to Paris.", others: [] });
    expect(sanitizeEntities({ entities: [entity("I"), entity("Paris", { type: "Location" })] }, input()).others.map((e) => e.name)).toEqual(["Paris"]);
    expect(sanitizeEntities({ entities: [entity("jane smith")] }, input({ roleType: "assistant" })).subjectMentioned).toBe(true);
    expect(sanitizeEntities({ entities: [entity("JANE@example.com")] }, input({ kind: "JSON", roleType: null })).subjectMentioned).toBe(true);
  });

  it("in someone else's message, I is not the subject and is dropped as a pronoun", () => {
    const result = sanitizeEntities({ entities: [entity("I"), entity("Tom Becker")] }, input({ roleType: "assistant" }));
    expect(result).toEqual({ subjectMentioned: false, subjectSummary: null, others: [{ name: "Tom Becker", labels: ["Person"], summary: null }] });
  });

  it("drops pronouns and empty names, keeps one entity per name, maps Other to no label, and bounds the list", () => {
    const many = Array.from({ length: 40 }, (_, i) => entity(`Place ${i}`, { type: "Location" }));
    const result = sanitizeEntities({ entities: [entity("they"), entity("   "), entity("Acme", { type: "Other" }), entity("ACME"), ...many] }, input());
    expect(result.others[0]).toEqual({ name: "Acme", labels: [], summary: null });
    expect(result.others.filter((e) => nameKey(e.name) === "acme")).toHaveLength(1);
    expect(result.others).toHaveLength(LIMITS.entities);
  });
});

describe("sanitizeResolutions", () => {
  const candidates: KnownEntity[] = [
    { uuid: "c-acme", name: "Acme", labels: ["Entity"], summary: "" },
    { uuid: "c-berlin", name: "Berlin", labels: ["Entity"], summary: "" },
  ];

  it("maps candidate ids to uuids, drops ids outside either list, and keeps the first answer per entity", () => {
    const answer = {
      resolutions: [
        { id: 0, candidateId: 0 },
        { id: 0, candidateId: 1 },
        { id: 1, candidateId: 7 },
        { id: 5, candidateId: 1 },
        { id: -1, candidateId: 1 },
      ],
    };
    expect(sanitizeResolutions(answer, 3, candidates)).toEqual(["c-acme", null, null]);
  });
});

describe("sanitizeFacts", () => {
  const fact = (sourceId: number, targetId: number, name = "works at", extra: Partial<{ fact: string; validAt: string | null; invalidAt: string | null }> = {}) => ({
    sourceId,
    targetId,
    name,
    fact: extra.fact ?? `fact ${sourceId}-${targetId}`,
    validAt: extra.validAt ?? null,
    invalidAt: extra.invalidAt ?? null,
  });

  it("keeps facts between two different listed entities, naming relations in UPPER_SNAKE_CASE", () => {
    const facts = sanitizeFacts({ facts: [fact(0, 1), fact(0, 0), fact(0, 9), fact(-1, 1), fact(1, 2, "?!")] }, 3);
    expect(facts.map((f) => [f.sourceIndex, f.targetIndex, f.name])).toEqual([
      [0, 1, "WORKS_AT"],
      [1, 2, "RELATES_TO"],
    ]);
  });

  it("reads dates, drops an end before the start and unreadable dates, and drops repeats and empty sentences", () => {
    const facts = sanitizeFacts(
      {
        facts: [
          fact(0, 1, "LIVES_IN", { fact: "Jane lives in Paris.", validAt: "2026-02-01", invalidAt: "2025-01-01" }),
          fact(0, 1, "LIVES_IN", { fact: "jane lives in paris.", validAt: "2026-02-01" }),
          fact(0, 2, "LIKES", { fact: "  ", validAt: "yesterday" }),
          fact(0, 2, "LIKES", { fact: "Jane likes jazz.", validAt: "yesterday" }),
        ],
      },
      3,
    );
    expect(facts).toEqual([
      { sourceIndex: 0, targetIndex: 1, name: "LIVES_IN", fact: "Jane lives in Paris.", validAt: new Date("2026-02-01T00:00:00Z"), invalidAt: null },
      { sourceIndex: 0, targetIndex: 2, name: "LIKES", fact: "Jane likes jazz.", validAt: null, invalidAt: null },
    ]);
  });

  it("bounds the number of facts and the length of each", () => {
    const facts = sanitizeFacts({ facts: Array.from({ length: 60 }, (_, i) => fact(0, 1, "R", { fact: `fact ${i} ${"x".repeat(600)}` })) }, 2);
    expect(facts).toHaveLength(LIMITS.facts);
    expect(facts.every((f) => f.fact.length <= LIMITS.fact)).toBe(true);
  });
});

describe("sanitizeFactResolutions", () => {
  const held = (uuid: string, source: string, target: string, validAt: string | null = null): KnownFact => ({
    uuid,
    name: "LIVES_IN",
    fact: uuid,
    sourceNodeUuid: source,
    targetNodeUuid: target,
    validAt: validAt === null ? null : new Date(validAt),
    invalidAt: null,
  });
  const existing = [held("f-berlin", "node-jane", "c-berlin", "2020-01-01"), held("f-acme", "node-jane", "c-acme"), held("f-tom", "c-tom", "c-acme")];
  const newFact = (overrides: Partial<ResolvedNewFact> = {}): ResolvedNewFact => ({
    name: "LIVES_IN",
    fact: "Jane lives in Paris.",
    sourceUuid: "node-jane",
    targetUuid: null,
    validAt: new Date("2026-02-01"),
    invalidAt: null,
    ...overrides,
  });

  it("maps ids to uuids, drops invented ids, and never contradicts the fact it duplicates", () => {
    const judgements = sanitizeFactResolutions(
      {
        facts: [
          { id: 0, duplicateOf: null, contradicts: [0, 0, 9, -2] },
          { id: 1, duplicateOf: 1, contradicts: [1] },
          { id: 1, duplicateOf: null, contradicts: [0] },
          { id: 7, duplicateOf: 0, contradicts: [] },
        ],
      },
      [newFact(), newFact({ name: "WORKS_AT", fact: "Jane works at Acme.", targetUuid: "c-acme" })],
      existing,
      episodeTime,
    );
    expect(judgements).toEqual([
      { duplicateOf: null, contradicts: ["f-berlin"] },
      { duplicateOf: "f-acme", contradicts: [] },
    ]);
  });

  it("answers nothing for a fact the model skipped", () => {
    expect(sanitizeFactResolutions({ facts: [] }, [newFact()], existing, episodeTime)).toEqual([{ duplicateOf: null, contradicts: [] }]);
  });

  it("keeps a contradiction only when the facts share a node, the new one has not ended, and the held one is not newer", () => {
    const judge = (fact: ResolvedNewFact) => sanitizeFactResolutions({ facts: [{ id: 0, duplicateOf: null, contradicts: [0, 2] }] }, [fact], existing, episodeTime)[0];
    // f-tom touches neither of the new fact's nodes.
    expect(judge(newFact())?.contradicts).toEqual(["f-berlin"]);
    // "I lived in Rome until 2010" is history: it ends nothing that holds now.
    expect(judge(newFact({ validAt: new Date("2005-01-01"), invalidAt: new Date("2010-01-01") }))?.contradicts).toEqual([]);
    // A new fact that began before the held one does not end it.
    expect(judge(newFact({ validAt: new Date("2019-01-01") }))?.contradicts).toEqual([]);
  });
});

describe("toSlots and assemble", () => {
  it("joins entities resolved to the subject or to one node, and lists the subject only when mentioned or needed", () => {
    const mentioned = {
      subjectMentioned: false,
      subjectSummary: null,
      others: [
        { name: "Acme Corporation", labels: ["Organization"], summary: "Employer." },
        { name: "Jane S.", labels: ["Person"], summary: null },
        { name: "ACME Corp", labels: ["Organization"], summary: null },
        { name: "Paris", labels: ["Location"], summary: null },
      ],
    };
    const slots = toSlots(subject, mentioned, ["c-acme", "node-jane", "c-acme", null]);
    expect(slots.map((slot) => [slot.ref, slot.name, slot.resolvedUuid])).toEqual([
      ["subject", "Jane Smith", "node-jane"],
      ["e1", "Acme Corporation", "c-acme"],
      ["e2", "Paris", null],
    ]);
    const { entities, facts } = assemble(
      slots,
      [{ sourceIndex: 1, targetIndex: 2, name: "LOCATED_IN", fact: "Acme is in Paris.", validAt: null, invalidAt: null }],
      [{ duplicateOf: null, contradicts: ["f-old"] }],
    );
    // "Jane S." was resolved to the subject's node, so the subject is mentioned.
    expect(entities.map((entity) => entity.ref)).toEqual(["subject", "e1", "e2"]);
    expect(facts).toEqual([
      { name: "LOCATED_IN", fact: "Acme is in Paris.", sourceRef: "e1", targetRef: "e2", validAt: null, invalidAt: null, duplicateOf: null, contradicts: ["f-old"] },
    ]);
    const unmentioned = assemble(toSlots(subject, { ...mentioned, others: [] }, []), [], []);
    expect(unmentioned.entities).toEqual([]);
  });
});

describe("boundedSummary", () => {
  const node = { name: "Jane Smith", opening: "Jane Smith is a user." };

  it("keeps a summary within 1,000 characters and cuts a longer one at a sentence end", () => {
    expect(boundedSummary("  Jane   works at Acme. ", node, [])).toBe("Jane works at Acme.");
    const long = Array.from({ length: 80 }, (_, i) => `Sentence number ${i} is here.`).join(" ");
    const clipped = boundedSummary(long, node, []);
    expect(clipped.length).toBeLessThanOrEqual(1000);
    expect(clipped.endsWith(".")).toBe(true);
    expect(long.startsWith(clipped)).toBe(true);
  });

  it("falls back on the deterministic summary when the model wrote nothing", () => {
    expect(boundedSummary("  ", node, ["Jane Smith works at Acme"])).toBe("Jane Smith is a user. Jane Smith works at Acme.");
  });
});
