import type { ExtractionInput } from "../../../domain/extraction";
import type { ChatClient, ChatMessage } from "../chatClient";
import { DATA_NOTE, episodeBlock, jsonLines, previousBlock, subjectBlock } from "../promptParts";
import { LIMITS, clipText, parseModelDate, upperSnakeCase } from "../sanitize";
import { type Infer, array, integer, nullable, object, string } from "../schema";
import type { TokenBudget } from "../tokenBudget";

// Step 3 (graphiti's extract_edges): facts between the entities, each a named relation with the times it
// held, read from the text relative to the episode's time.

export const factsSchema = object({
  facts: array(
    object({
      sourceId: integer("The id of the entity the fact is about."),
      targetId: integer("The id of the other entity."),
      name: string("The relation in UPPER_SNAKE_CASE, e.g. WORKS_AT, LIVES_IN, HAS_MANAGER, PREFERS."),
      fact: string("One sentence stating the fact with the entities' names, e.g. 'Jane Smith works at Acme.'"),
      validAt: nullable(string("When the fact became true: ISO 8601 in UTC, e.g. 2025-03-01T00:00:00Z; null if unknown.")),
      invalidAt: nullable(string("When the fact stopped being true, if the episode says it did; null otherwise.")),
    }),
  ),
});

/** An entity as the fact step sees it: its position in the list is its id. */
export interface FactEntity {
  name: string;
  labels: string[];
  isSubject: boolean;
}

/** A new fact between entities of the list, by position. */
export interface NewFact {
  sourceIndex: number;
  targetIndex: number;
  name: string;
  fact: string;
  validAt: Date | null;
  invalidAt: Date | null;
}

export function factsPrompt(input: ExtractionInput, entities: readonly FactEntity[]): ChatMessage[] {
  const system = "You extract facts for a memory of one person: relations between entities that an episode states, with when they held. " + DATA_NOTE;
  const listed = entities.map((entity, id) => ({ id, name: entity.name, types: entity.labels, ...(entity.isSubject ? { subject: true } : {}) }));
  const time = input.episode.createdAt.toISOString();
  const rules = `Task: list the facts the EPISODE states or plainly implies between two different ENTITIES.
- sourceId and targetId are ids from ENTITIES, never the same one. A fact about the subject has the subject as source.
- name: the relation in UPPER_SNAKE_CASE, reusable across facts of the same kind (WORKS_AT, LIVES_IN, HAS_ROLE, HAS_MANAGER, PREFERS, HAS_PLAN).
- fact: one sentence with the entities' names, no pronouns, keeping every specific detail (names, numbers, titles).
- Times: the episode was written at ${time}. Resolve relative times against it ("last month", "since 2019", "yesterday").
  validAt: when the fact began; for something true now with no start given, use ${time}. invalidAt: only when the episode says the fact has ended.
  ISO 8601 in UTC; a date alone at 00:00:00, a year alone at January 1st. null when nothing in the text fixes the time.
- Facts only the PREVIOUS EPISODES state are not listed; use them only to understand the EPISODE.`;
  return [
    { role: "system", content: system },
    {
      role: "user",
      content: [subjectBlock(input.subject), previousBlock(input), episodeBlock(input), `<ENTITIES>\n${jsonLines(listed)}\n</ENTITIES>`, rules].join("\n\n"),
    },
  ];
}

export async function extractFacts(
  chat: ChatClient,
  budget: TokenBudget,
  input: ExtractionInput,
  entities: readonly FactEntity[],
  signal: AbortSignal,
): Promise<NewFact[]> {
  if (entities.length < 2) return [];
  const answer = await chat.complete({ name: "extract_facts", schema: factsSchema, messages: factsPrompt(input, entities), maxCompletionTokens: 3000 }, budget, signal);
  return sanitizeFacts(answer, entities.length);
}

/**
 * Facts made safe: both ids in the list and different, a relation name in UPPER_SNAKE_CASE (RELATES_TO when
 * the model gave none usable), a bounded sentence, dates that parse (an end before the start is dropped),
 * no two alike, at most LIMITS.facts.
 */
export function sanitizeFacts(answer: Infer<typeof factsSchema>, entityCount: number): NewFact[] {
  const facts: NewFact[] = [];
  const seen = new Set<string>();
  const inList = (id: number) => Number.isInteger(id) && id >= 0 && id < entityCount;
  for (const raw of answer.facts) {
    if (facts.length >= LIMITS.facts) break;
    if (!inList(raw.sourceId) || !inList(raw.targetId) || raw.sourceId === raw.targetId) continue;
    const fact = clipText(raw.fact, LIMITS.fact);
    if (fact.length === 0) continue;
    const name = upperSnakeCase(raw.name) ?? "RELATES_TO";
    const key = `${raw.sourceId}|${raw.targetId}|${name}|${fact.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const validAt = parseModelDate(raw.validAt);
    const invalidAt = parseModelDate(raw.invalidAt);
    const ordered = validAt === null || invalidAt === null || invalidAt.getTime() >= validAt.getTime();
    facts.push({ sourceIndex: raw.sourceId, targetIndex: raw.targetId, name, fact, validAt, invalidAt: ordered ? invalidAt : null });
  }
  return facts;
}
