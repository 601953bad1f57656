import type { ExtractionInput, KnownEntity } from "../../../domain/extraction";
import type { ChatClient, ChatMessage } from "../chatClient";
import { DATA_NOTE, episodeBlock, jsonLines, subjectBlock } from "../promptParts";
import { clipText, nameKey } from "../sanitize";
import { type Infer, array, integer, nullable, object } from "../schema";
import type { TokenBudget } from "../tokenBudget";
import type { MentionedEntity } from "./extractEntities";

// Step 2 (graphiti's resolve_extracted_nodes): which mentioned entities are nodes the graph already has.
// The model cites candidates by their position in the list we show, never by uuid: a short number is
// cheaper, and one outside the list is plainly wrong and dropped.

export const resolutionsSchema = object({
  resolutions: array(
    object({
      id: integer("The id of a NEW ENTITY."),
      candidateId: nullable(integer("The candidateId of the EXISTING ENTITY that is the same real-world thing, or null.")),
    }),
  ),
});

/** A candidate's summary is cut here in the prompt: enough to tell two Javas apart. */
const CANDIDATE_SUMMARY_CHARS = 200;

export function resolutionsPrompt(input: ExtractionInput, entities: readonly MentionedEntity[]): ChatMessage[] {
  const system = "You decide whether newly mentioned entities are entities a memory already holds. " + DATA_NOTE;
  const newEntities = entities.map((entity, id) => ({ id, name: entity.name, types: entity.labels, summary: entity.summary }));
  const existing = input.candidates.map((candidate, candidateId) => ({
    candidateId,
    name: candidate.name,
    types: candidate.labels.filter((label) => label !== "Entity"),
    summary: clipText(candidate.summary, CANDIDATE_SUMMARY_CHARS),
  }));
  const rules = `Task: for each NEW ENTITY, give the candidateId of the EXISTING ENTITY that is the same real-world thing, or null.
- Same thing under another spelling, an abbreviation or a fuller name: "NYC" is "New York City", "Acme" is "Acme Inc.".
- Related but distinct things are not the same: a company and its product, a city and its football club, two people with one first name.
- Same name, different thing (Java the island, Java the language): null. When unsure: null.
- Answer once for every NEW ENTITY id.`;
  return [
    { role: "system", content: system },
    {
      role: "user",
      content: [subjectBlock(input.subject), episodeBlock(input), `<NEW ENTITIES>\n${jsonLines(newEntities)}\n</NEW ENTITIES>`, `<EXISTING ENTITIES>\n${jsonLines(existing)}\n</EXISTING ENTITIES>`, rules].join("\n\n"),
    },
  ];
}

/**
 * The uuid of the existing node each entity is, or null, in entity order. A name that matches exactly one
 * candidate's name is settled without the model; the model is asked about the rest, and only when there
 * are candidates at all.
 */
export async function resolveEntities(
  chat: ChatClient,
  budget: TokenBudget,
  input: ExtractionInput,
  entities: readonly MentionedEntity[],
  signal: AbortSignal,
): Promise<(string | null)[]> {
  const exact = entities.map((entity) => exactMatch(entity, input.candidates));
  const open = entities.filter((_, index) => exact[index] === null);
  if (open.length === 0 || input.candidates.length === 0) return exact;
  const answer = await chat.complete(
    { name: "resolve_entities", schema: resolutionsSchema, messages: resolutionsPrompt(input, open), maxCompletionTokens: 1000 },
    budget,
    signal,
  );
  const asked = sanitizeResolutions(answer, open.length, input.candidates);
  let next = 0;
  return exact.map((uuid) => uuid ?? asked[next++] ?? null);
}

function exactMatch(entity: MentionedEntity, candidates: readonly KnownEntity[]): string | null {
  const matches = candidates.filter((candidate) => nameKey(candidate.name) === nameKey(entity.name));
  return matches.length === 1 ? (matches[0] as KnownEntity).uuid : null;
}

/** One uuid or null per asked entity: ids outside either list are dropped, the first answer for an id wins. */
export function sanitizeResolutions(answer: Infer<typeof resolutionsSchema>, entityCount: number, candidates: readonly KnownEntity[]): (string | null)[] {
  const resolved: (string | null | undefined)[] = new Array<string | null | undefined>(entityCount).fill(undefined);
  for (const { id, candidateId } of answer.resolutions) {
    if (!Number.isInteger(id) || id < 0 || id >= entityCount || resolved[id] !== undefined) continue;
    resolved[id] = candidateId === null ? null : (candidates[candidateId]?.uuid ?? null);
  }
  return resolved.map((uuid) => uuid ?? null);
}
