import type { Extraction, ExtractionInput, KnownEntity, KnownFact } from "../../src/domain/extraction";
import { extractEmbedded } from "../../src/ingest/embedded";

// The embedded extractor, without a database: what it reads from messages, text and JSON, and how it links
// what it reads to the nodes and facts the graph already holds.

const EPISODE_TIME = new Date("2026-11-30T10:00:00.000Z");

function input(
  kind: "MESSAGE" | "TEXT" | "JSON",
  content: string,
  options: { roleType?: string | null; candidates?: KnownEntity[]; facts?: KnownFact[] } = {},
): ExtractionInput {
  return {
    subject: {
      userId: "jane-1",
      userUuid: "u-1",
      nodeUuid: "node-jane",
      name: "Jane Smith",
      email: "jane@example.com",
      firstName: "Jane",
      lastName: "Smith",
    },
    episode: { uuid: "ep-1", kind, content, roleType: options.roleType ?? (kind === "MESSAGE" ? "user" : null), speaker: null, createdAt: EPISODE_TIME },
    previousEpisodes: [],
    candidates: options.candidates ?? [],
    facts: options.facts ?? [],
  };
}

/** The facts as "NAME: sentence -> target name". */
function facts(extraction: Extraction): string[] {
  const names = new Map(extraction.entities.map((entity) => [entity.ref, entity.name]));
  return extraction.facts.map((fact) => `${fact.name}: ${fact.fact} -> ${names.get(fact.targetRef)}`);
}

function entity(extraction: Extraction, name: string) {
  return extraction.entities.find((candidate) => candidate.name === name);
}

describe("embedded extractor: the user's own messages", () => {
  it("reads where the user moved, works, their role, preference and manager from the issue's story", () => {
    const first = extractEmbedded(
      input("MESSAGE", "I moved to Berlin last month and I now work at Acme as a data engineer. My invoice for November is wrong."),
    );
    expect(facts(first)).toEqual([
      "LIVES_IN: Jane Smith lives in Berlin -> Berlin",
      "WORKS_AT: Jane Smith works at Acme -> Acme",
      "HAS_ROLE: Jane Smith works as a data engineer -> data engineer",
    ]);
    expect(first.facts.every((fact) => fact.sourceRef === "user")).toBe(true);
    expect(entity(first, "Jane Smith")?.resolvedUuid).toBe("node-jane");
    expect(entity(first, "Acme")?.labels).toEqual(["Organization"]);
    expect(entity(first, "Berlin")?.labels).toEqual(["Location"]);
    // "last month" from 30 November; "now" is the episode's own time.
    expect(first.facts[0]?.validAt?.toISOString()).toBe("2026-10-30T00:00:00.000Z");
    expect(first.facts[1]?.validAt?.toISOString()).toBe(EPISODE_TIME.toISOString());

    const second = extractEmbedded(input("MESSAGE", "I prefer email over phone calls, and my manager is Tom Becker."));
    expect(facts(second)).toEqual([
      "PREFERS: Jane Smith prefers email over phone calls -> email",
      "HAS_MANAGER: Jane Smith's manager is Tom Becker -> Tom Becker",
    ]);
    expect(entity(second, "Tom Becker")?.labels).toContain("Person");
  });

  it.each([
    ["I'm a software developer at Initech.", ["WORKS_AT: Jane Smith works at Initech -> Initech", "HAS_ROLE: Jane Smith works as a software developer -> software developer"]],
    ["I live in New York and I report to Sarah Connor.", ["LIVES_IN: Jane Smith lives in New York -> New York", "HAS_MANAGER: Jane Smith's manager is Sarah Connor -> Sarah Connor"]],
    ["My birthday is March 3rd. You can reach me at +49 30 1234567.", ["HAS_BIRTHDAY: Jane Smith's birthday is March 3rd -> March 3rd", "HAS_PHONE: Jane Smith's phone number is +49 30 1234567 -> +49 30 1234567"]],
    ["My phone number is (555) 010-9999", ["HAS_PHONE: Jane Smith's phone number is (555) 010-9999 -> (555) 010-9999"]],
    ["I've just joined Globex Corporation!", ["WORKS_AT: Jane Smith works at Globex Corporation -> Globex Corporation"]],
  ])("reads %j", (text, expected) => {
    expect(facts(extractEmbedded(input("MESSAGE", text)))).toEqual(expected);
  });

  it.each(["I'm a big fan of your app.", "I work at home on Fridays.", "I moved the meeting to Monday? no, I moved to nothing"])(
    "states no fact in %j",
    (text) => {
      expect(extractEmbedded(input("MESSAGE", text)).facts).toEqual([]);
    },
  );

  it("takes no first-person fact from the assistant, but keeps the entities it names", () => {
    const extraction = extractEmbedded(input("MESSAGE", "I work at Contoso and Tom Becker is my manager.", { roleType: "assistant" }));
    expect(extraction.facts).toEqual([]);
    expect(entity(extraction, "Tom Becker")?.labels).toContain("Person");
  });

  it("a new home contradicts the old one; the same home again is cited, not repeated", () => {
    const berlin: KnownFact = {
      uuid: "fact-berlin",
      name: "LIVES_IN",
      fact: "Jane Smith lives in Berlin",
      sourceNodeUuid: "node-jane",
      targetNodeUuid: "node-berlin",
      validAt: null,
      invalidAt: null,
    };
    const prefers: KnownFact = { ...berlin, uuid: "fact-pref", name: "PREFERS", fact: "Jane Smith prefers tea", targetNodeUuid: "node-tea" };
    const candidates = [{ uuid: "node-berlin", name: "Berlin", labels: ["Entity"], summary: "" }];
    const paris = extractEmbedded(input("MESSAGE", "I moved to Paris.", { candidates, facts: [berlin, prefers] }));
    expect(paris.facts).toHaveLength(1);
    expect(paris.facts[0]).toMatchObject({ name: "LIVES_IN", contradicts: ["fact-berlin"], duplicateOf: null });

    const again = extractEmbedded(input("MESSAGE", "I live in Berlin", { candidates, facts: [berlin] }));
    expect(again.facts[0]).toMatchObject({ duplicateOf: "fact-berlin", contradicts: [] });
    expect(entity(again, "Berlin")?.resolvedUuid).toBe("node-berlin");

    // PREFERS is not functional: a second preference stands beside the first.
    const coffee = extractEmbedded(input("MESSAGE", "I prefer coffee", { facts: [prefers] }));
    expect(coffee.facts[0]).toMatchObject({ contradicts: [], duplicateOf: null });
  });
});

describe("embedded extractor: text about the user", () => {
  it("reads third-person facts when the text names the user, and none about other people", () => {
    const extraction = extractEmbedded(input("TEXT", "Jane Smith works at Acme. Jane lives in Lisbon since 2019. Bob works at Initech."));
    expect(facts(extraction)).toEqual(["WORKS_AT: Jane Smith works at Acme -> Acme", "LIVES_IN: Jane Smith lives in Lisbon -> Lisbon"]);
    expect(extraction.facts[1]?.validAt?.toISOString()).toBe("2019-01-01T00:00:00.000Z");
  });

  it("finds people, places and organisations with compromise", () => {
    const extraction = extractEmbedded(input("TEXT", "Sarah Connor met the team of Google Inc in Munich."));
    expect(entity(extraction, "Sarah Connor")?.labels).toEqual(["Person"]);
    expect(entity(extraction, "Munich")?.labels).toEqual(["Location"]);
    expect(entity(extraction, "Google Inc")?.labels).toEqual(["Organization"]);
    expect(extraction.facts).toEqual([]);
  });
});

describe("embedded extractor: JSON business data", () => {
  it("turns each field of the user's record into a fact on the user's node, the identifying email left out", () => {
    const extraction = extractEmbedded(input("JSON", JSON.stringify({ email: "jane@example.com", plan: "pro", seats: 12, renewal: "2027-01-15" })));
    expect(facts(extraction)).toEqual([
      "HAS_PLAN: Jane Smith has plan pro -> pro",
      "HAS_SEATS: Jane Smith has seats 12 -> 12",
      "HAS_RENEWAL: Jane Smith has renewal 2027-01-15 -> 2027-01-15",
    ]);
    expect(extraction.facts.every((fact) => fact.sourceRef === "user")).toBe(true);
  });

  it("makes nested records nodes of their own, linked from the parent", () => {
    const extraction = extractEmbedded(
      input("JSON", JSON.stringify({ userId: "jane-1", address: { city: "Berlin", zip: "10115" }, company: { name: "Acme", industry: "retail" } })),
    );
    expect(facts(extraction)).toEqual([
      "HAS_ADDRESS: Jane Smith has an address -> Jane Smith's address",
      "HAS_CITY: Jane Smith's address has city Berlin -> Berlin",
      "HAS_ZIP: Jane Smith's address has zip 10115 -> 10115",
      "HAS_COMPANY: Jane Smith has company Acme -> Acme",
      "HAS_INDUSTRY: Acme has industry retail -> retail",
    ]);
  });

  it("gives a record that does not name the user its own entity, and reads arrays item by item", () => {
    const extraction = extractEmbedded(input("JSON", JSON.stringify([{ name: "Globex", tier: "gold", tags: ["b2b", "eu"] }, { total: 3 }])));
    expect(facts(extraction)).toEqual([
      "HAS_TIER: Globex has tier gold -> gold",
      "HAS_TAGS: Globex has tags b2b -> b2b",
      "HAS_TAGS: Globex has tags eu -> eu",
    ]);
  });

  it("a changed field contradicts its old value on the same node; an unchanged one cites it", () => {
    const plan: KnownFact = {
      uuid: "fact-plan",
      name: "HAS_PLAN",
      fact: "Jane Smith has plan basic",
      sourceNodeUuid: "node-jane",
      targetNodeUuid: "node-basic",
      validAt: null,
      invalidAt: null,
    };
    const seats: KnownFact = { ...plan, uuid: "fact-seats", name: "HAS_SEATS", fact: "Jane Smith has seats 12", targetNodeUuid: "node-12" };
    const candidates = [{ uuid: "node-12", name: "12", labels: ["Entity"], summary: "" }];
    const extraction = extractEmbedded(input("JSON", JSON.stringify({ email: "JANE@example.com", plan: "pro", seats: 12 }), { candidates, facts: [plan, seats] }));
    expect(extraction.facts.map((fact) => [fact.name, fact.contradicts, fact.duplicateOf])).toEqual([
      ["HAS_PLAN", ["fact-plan"], null],
      ["HAS_SEATS", [], "fact-seats"],
    ]);
  });

  it("ignores JSON that does not parse and scalars at the top", () => {
    expect(extractEmbedded(input("JSON", "{not json")).facts).toEqual([]);
    expect(extractEmbedded(input("JSON", "42")).facts).toEqual([]);
  });
});
