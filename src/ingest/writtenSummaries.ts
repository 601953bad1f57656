import { MAX_SUMMARY_LENGTH, type SummaryInput, type Summarizer, factListSummarizer, openingOf } from "../domain/graph/summarizer";
import { nameKey } from "../domain/graph/text";
import type { Extraction, ExtractionInput } from "../domain/extraction";

// A summary writer (a language model) is slow and may fail, so it never runs inside the apply transaction.
// It writes, beforehand, the summaries of the nodes an extraction will touch, from the facts those nodes are
// predicted to hold afterwards. Inside the transaction a written summary is used only for a node whose
// valid facts turned out exactly as predicted; any other node gets the deterministic summary, so a fact
// that was deleted or ended meanwhile can never survive in a summary.

/** A node as the writer is asked about it: who it is and the facts it will hold. */
export interface SummaryRequest {
  name: string;
  opening: string;
  facts: string[];
}

export interface WrittenSummary {
  name: string;
  facts: readonly string[];
  summary: string;
}

/** The most facts a summary is made from (entity.summary-inputs reads the newest 50). */
const SUMMARY_FACTS = 50;

/**
 * The nodes an extraction touches and the valid facts each will hold once it is applied: the new facts
 * first (they are the newest), then the node's current ones less those the extraction ends. `current` are
 * the summary inputs, read now, of the known nodes involved (resolved entities, the user node, the ends of
 * contradicted facts).
 */
export function summaryRequests(
  input: ExtractionInput,
  extraction: Extraction,
  current: readonly (SummaryInput & { uuid: string })[],
): SummaryRequest[] {
  const nodeOf = new Map(extraction.entities.map((entity) => [entity.ref, entity.resolvedUuid ?? `new:${nameKey(entity.name)}`]));
  const added = new Map<string, string[]>();
  const ended = new Set<string>();
  const currentFacts = new Map(current.map((node) => [node.uuid, node.facts.map((fact) => fact.fact)]));
  for (const fact of extraction.facts) {
    const source = nodeOf.get(fact.sourceRef);
    const target = nodeOf.get(fact.targetRef);
    if (source === undefined || target === undefined) continue;
    const repeated = fact.duplicateOf !== null || (currentFacts.get(source) ?? []).some((known) => nameKey(known) === nameKey(fact.fact));
    if (!repeated) for (const node of new Set([source, target])) added.set(node, [...(added.get(node) ?? []), fact.fact]);
    for (const uuid of fact.contradicts) {
      const old = input.facts.find((known) => known.uuid === uuid);
      if (old) ended.add(old.fact);
    }
  }
  // Only nodes whose facts change: the summary of any other node stays as it is.
  const requests: SummaryRequest[] = current
    .filter((node) => added.has(node.uuid) || node.facts.some((fact) => ended.has(fact.fact)))
    .map((node) => ({
      name: node.name,
      opening: openingOf(node),
      facts: [...(added.get(node.uuid) ?? []), ...node.facts.map((fact) => fact.fact).filter((fact) => !ended.has(fact))].slice(0, SUMMARY_FACTS),
    }));
  for (const entity of extraction.entities) {
    const facts = entity.resolvedUuid === null ? added.get(`new:${nameKey(entity.name)}`) : undefined;
    if (facts) requests.push({ name: entity.name, opening: entity.summary ?? "", facts: facts.slice(0, SUMMARY_FACTS) });
  }
  return requests;
}

/** Uses a written summary where the node's name and valid facts are exactly those it was written from. */
export function writtenSummaries(written: readonly WrittenSummary[], fallback: Summarizer = factListSummarizer): Summarizer {
  const byKey = new Map(
    written.filter((entry) => entry.summary.length > 0 && entry.summary.length <= MAX_SUMMARY_LENGTH).map((entry) => [key(entry.name, entry.facts), entry.summary]),
  );
  return {
    async summarize(inputs) {
      const deterministic = await fallback.summarize(inputs);
      return inputs.map((input, index) => byKey.get(key(input.name, input.facts.map((fact) => fact.fact))) ?? deterministic[index] ?? "");
    },
  };
}

function key(name: string, facts: readonly string[]): string {
  return JSON.stringify([name, [...facts].sort()]);
}
