import type { ExtractionInput, KnownFact } from "../../../domain/extraction";
import type { ChatClient, ChatMessage } from "../chatClient";
import { DATA_NOTE, episodeBlock, jsonLines, subjectBlock } from "../promptParts";
import { validIds } from "../sanitize";
import { type Infer, array, integer, nullable, object } from "../schema";
import type { TokenBudget } from "../tokenBudget";

// Steps 4 and 5 (graphiti's resolve_edge, which asks both in one call too): which new facts the graph
// already holds, and which held facts each new one makes untrue. One call, two fields, checked apart.

export const factResolutionsSchema = object({
  facts: array(
    object({
      id: integer("The id of a NEW FACT."),
      duplicateOf: nullable(integer("The id of an EXISTING FACT that states the same thing, or null.")),
      contradicts: array(integer(), "Ids of EXISTING FACTS that cannot still be true if the NEW FACT is."),
    }),
  ),
});

/** A new fact with its endpoints resolved: uuids of existing nodes, or null for a node still to be made. */
export interface ResolvedNewFact {
  name: string;
  fact: string;
  sourceUuid: string | null;
  targetUuid: string | null;
  validAt: Date | null;
  invalidAt: Date | null;
}

export interface FactJudgement {
  duplicateOf: string | null;
  contradicts: string[];
}

const isoOrNull = (date: Date | null) => (date === null ? null : date.toISOString());

export function factResolutionsPrompt(input: ExtractionInput, facts: readonly ResolvedNewFact[]): ChatMessage[] {
  const system = "You keep a memory's facts consistent: you find new facts it already holds, and held facts that new ones end. " + DATA_NOTE;
  const newFacts = facts.map((fact, id) => ({ id, name: fact.name, fact: fact.fact, validAt: isoOrNull(fact.validAt), invalidAt: isoOrNull(fact.invalidAt) }));
  const existing = input.facts.map((fact, id) => ({ id, name: fact.name, fact: fact.fact, validAt: isoOrNull(fact.validAt) }));
  const rules = `Task: for each NEW FACT, answer duplicateOf and contradicts.
- duplicateOf: the EXISTING FACT that states the same information, with no difference in names, numbers, titles or dates. Otherwise null.
  "Jane Smith works at Acme" and "Jane works for Acme" are the same; "works at Acme as an engineer" and "as a senior engineer" are not.
- contradicts: the EXISTING FACTS that can no longer be true if the NEW FACT is: a new value of something that has one value at a time
  (where someone lives, works, their role, manager, plan, relationship status), or an explicit end or reversal.
  Not contradictions: a further value of something that can have many (likes Y as well as X), more detail, different events at different times.
- A fact cannot be both the duplicate and contradicted. Answer once for every NEW FACT id; empty lists when nothing applies.`;
  return [
    { role: "system", content: system },
    {
      role: "user",
      content: [subjectBlock(input.subject), episodeBlock(input), `<EXISTING FACTS>\n${jsonLines(existing)}\n</EXISTING FACTS>`, `<NEW FACTS>\n${jsonLines(newFacts)}\n</NEW FACTS>`, rules].join("\n\n"),
    },
  ];
}

export async function resolveFacts(
  chat: ChatClient,
  budget: TokenBudget,
  input: ExtractionInput,
  facts: readonly ResolvedNewFact[],
  signal: AbortSignal,
): Promise<FactJudgement[]> {
  if (facts.length === 0 || input.facts.length === 0) return facts.map(() => ({ duplicateOf: null, contradicts: [] }));
  const answer = await chat.complete(
    { name: "resolve_facts", schema: factResolutionsSchema, messages: factResolutionsPrompt(input, facts), maxCompletionTokens: 2000 },
    budget,
    signal,
  );
  return sanitizeFactResolutions(answer, facts, input.facts, input.episode.createdAt);
}

/**
 * The judgements made safe, one per new fact: ids outside the lists dropped, the first answer for a fact
 * wins, a duplicate is not also contradicted, and a contradiction must make sense on the graph and in time
 * (graphiti's temporal rules): the held fact shares a node with the new one, the new one has not already
 * ended by the episode's time, and the held fact did not begin after the new one.
 */
export function sanitizeFactResolutions(
  answer: Infer<typeof factResolutionsSchema>,
  facts: readonly ResolvedNewFact[],
  existing: readonly KnownFact[],
  episodeTime: Date,
): FactJudgement[] {
  const judgements: (FactJudgement | undefined)[] = new Array<FactJudgement | undefined>(facts.length).fill(undefined);
  for (const raw of answer.facts) {
    const fact = facts[raw.id];
    if (!Number.isInteger(raw.id) || fact === undefined || judgements[raw.id] !== undefined) continue;
    const duplicate = raw.duplicateOf === null ? undefined : existing[raw.duplicateOf];
    const contradicts = validIds(raw.contradicts, existing.length)
      .map((id) => existing[id] as KnownFact)
      .filter((held) => held.uuid !== duplicate?.uuid && canContradict(fact, held, episodeTime))
      .map((held) => held.uuid);
    judgements[raw.id] = { duplicateOf: duplicate?.uuid ?? null, contradicts };
  }
  return judgements.map((judgement) => judgement ?? { duplicateOf: null, contradicts: [] });
}

function canContradict(fact: ResolvedNewFact, held: KnownFact, episodeTime: Date): boolean {
  const nodes = [fact.sourceUuid, fact.targetUuid].filter((uuid): uuid is string => uuid !== null);
  if (!nodes.includes(held.sourceNodeUuid) && !nodes.includes(held.targetNodeUuid)) return false;
  // Past history ("I lived in Rome until 2010") does not end what holds now.
  if (fact.invalidAt !== null && fact.invalidAt.getTime() <= episodeTime.getTime()) return false;
  return !(held.validAt !== null && fact.validAt !== null && held.validAt.getTime() > fact.validAt.getTime());
}
