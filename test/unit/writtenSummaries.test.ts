import { factListSummarizer } from "../../src/domain/graph/summarizer";
import type { Extraction, ExtractionInput } from "../../src/domain/extraction";
import { summaryRequests, writtenSummaries } from "../../src/ingest/writtenSummaries";

// Model-written summaries are written before the apply transaction from the facts each node is predicted to
// hold; inside it, one is used only where the node's valid facts are exactly those. Anything else falls back
// to the deterministic summary, so no ended or deleted fact survives in a summary.

const jane = { uuid: "node-jane", name: "Jane Smith", user: { userId: "jane", email: null, firstName: "Jane", lastName: "Smith" }, description: null };

const input: ExtractionInput = {
  subject: { userId: "jane", userUuid: "u", nodeUuid: "node-jane", name: "Jane Smith", email: null, firstName: "Jane", lastName: "Smith" },
  episode: { uuid: "e", kind: "MESSAGE", content: "I moved to Paris.", roleType: "user", speaker: null, createdAt: new Date("2026-11-30T00:00:00Z") },
  previousEpisodes: [],
  candidates: [],
  facts: [
    { uuid: "f-berlin", name: "LIVES_IN", fact: "Jane Smith lives in Berlin", sourceNodeUuid: "node-jane", targetNodeUuid: "node-berlin", validAt: null, invalidAt: null },
  ],
};

const extraction: Extraction = {
  entities: [
    { ref: "user", name: "Jane Smith", labels: [], summary: null, resolvedUuid: "node-jane" },
    { ref: "paris", name: "Paris", labels: ["Location"], summary: null, resolvedUuid: null },
  ],
  facts: [
    { name: "LIVES_IN", fact: "Jane Smith lives in Paris", sourceRef: "user", targetRef: "paris", validAt: null, invalidAt: null, duplicateOf: null, contradicts: ["f-berlin"] },
  ],
  tokens: { prompt: 0, completion: 0 },
};

describe("model-written summaries", () => {
  it("asks for the nodes whose facts change, with the facts they will hold: new ones in, ended ones out", () => {
    const current = [
      { ...jane, facts: [{ fact: "Jane Smith lives in Berlin" }, { fact: "Jane Smith works at Acme" }] },
      { uuid: "node-berlin", name: "Berlin", user: null, description: null, facts: [{ fact: "Jane Smith lives in Berlin" }] },
    ];
    const requests = summaryRequests(input, extraction, current);
    expect(requests).toEqual([
      { name: "Jane Smith", opening: expect.stringContaining("Jane Smith is a user"), facts: ["Jane Smith lives in Paris", "Jane Smith works at Acme"] },
      { name: "Berlin", opening: "", facts: [] },
      { name: "Paris", opening: "", facts: ["Jane Smith lives in Paris"] },
    ]);
  });

  it("uses a written summary only where the node's facts are the ones it was written from", async () => {
    const summarizer = writtenSummaries([
      { name: "Jane Smith", facts: ["Jane Smith works at Acme", "Jane Smith lives in Paris"], summary: "Jane, in Paris, works at Acme." },
      { name: "Paris", facts: ["Jane Smith lives in Paris"], summary: "x".repeat(1001) },
    ]);
    const asPredicted = { name: "Jane Smith", user: jane.user, description: null, facts: [{ fact: "Jane Smith lives in Paris" }, { fact: "Jane Smith works at Acme" }] };
    // A fact deleted meanwhile: the prediction no longer holds, the deterministic summary stands in.
    const changed = { ...asPredicted, facts: [{ fact: "Jane Smith lives in Paris" }] };
    const tooLong = { name: "Paris", user: null, description: null, facts: [{ fact: "Jane Smith lives in Paris" }] };
    const [deterministicChanged, deterministicLong] = await factListSummarizer.summarize([changed, tooLong]);
    expect(await summarizer.summarize([asPredicted, changed, tooLong])).toEqual(["Jane, in Paris, works at Acme.", deterministicChanged, deterministicLong]);
  });
});
