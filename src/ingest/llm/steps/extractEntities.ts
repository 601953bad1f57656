import type { ExtractionInput } from "../../../domain/extraction";
import type { ChatClient, ChatMessage } from "../chatClient";
import { DATA_NOTE, episodeBlock, isSubjectSpeaking, previousBlock, subjectBlock } from "../promptParts";
import { LIMITS, clipText, nameKey } from "../sanitize";
import { type Infer, array, boolean, nullable, object, oneOf, string } from "../schema";
import type { TokenBudget } from "../tokenBudget";

// Step 1 (graphiti's extract_nodes): the entities the episode mentions, the subject among them.

export const ENTITY_TYPES = ["Person", "Organization", "Location", "Event", "Product", "Preference", "Topic", "Other"] as const;

export const entitiesSchema = object({
  entities: array(
    object({
      name: string("The entity's most complete name in the episode, e.g. 'Tom Becker', 'Acme', 'Berlin'."),
      type: oneOf(ENTITY_TYPES),
      summary: nullable(string("One short sentence on what the episode says about the entity, or null.")),
      isSubject: boolean("True when the entity is the subject themself, under any name or as I/me."),
    }),
  ),
});

/** An entity as the episode names it, before resolution; the subject is kept apart. */
export interface MentionedEntity {
  name: string;
  labels: string[];
  summary: string | null;
}

export interface MentionedEntities {
  /** Whether the episode mentions the subject (always so when the subject wrote it). */
  subjectMentioned: boolean;
  subjectSummary: string | null;
  others: MentionedEntity[];
}

export function entitiesPrompt(input: ExtractionInput): ChatMessage[] {
  const system =
    "You extract entities for a memory of one person, the subject. You list the specific things an episode " +
    "(a chat message, a text or a JSON record) mentions, each once. " +
    DATA_NOTE;
  const rules = `Task: list the entities the EPISODE mentions.
- Keep specific things: named people, organisations, places, products, events, and the subject's stated preferences or tastes
  (as a short noun phrase, e.g. "email over phone calls"). Each once, under its most complete name in the episode.
- Mark the subject with isSubject true, whatever name they go by${isSubjectSpeaking(input.episode) ? ', and "I"/"me" in this message' : ""}.
- Someone known only by a role is named after the person it belongs to: "my sister" becomes "${input.subject.name}'s sister".
- Leave out pronouns, generic words (job, city, company, people, stuff), feelings, dates, amounts and bare numbers.
- Entities that only the PREVIOUS EPISODES mention are not listed.
- summary: what the EPISODE says about the entity in one short sentence, or null.`;
  return [
    { role: "system", content: system },
    { role: "user", content: [subjectBlock(input.subject), previousBlock(input), episodeBlock(input), rules].join("\n\n") },
  ];
}

export async function extractEntities(chat: ChatClient, budget: TokenBudget, input: ExtractionInput, signal: AbortSignal): Promise<MentionedEntities> {
  const answer = await chat.complete({ name: "extract_entities", schema: entitiesSchema, messages: entitiesPrompt(input), maxCompletionTokens: 2000 }, budget, signal);
  return sanitizeEntities(answer, input);
}

const FIRST_PERSON = new Set(["i", "me", "my", "mine", "myself"]);
const PRONOUNS = new Set([...FIRST_PERSON, "you", "your", "he", "she", "him", "her", "they", "them", "we", "us", "it", "this", "that", "user", "the user", "assistant"]);

/**
 * The model's list made safe: names trimmed and bounded, pronouns and empty names dropped, one entity per
 * name, the subject recognised by the flag, by "I" in the subject's own message, or by their name or email.
 */
export function sanitizeEntities(answer: Infer<typeof entitiesSchema>, input: ExtractionInput): MentionedEntities {
  const { subject } = input;
  const subjectKeys = new Set([subject.name, subject.email, subject.userId].filter((key): key is string => !!key).map(nameKey));
  const speaking = isSubjectSpeaking(input.episode);
  let subjectMentioned = speaking;
  let subjectSummary: string | null = null;
  const others = new Map<string, MentionedEntity>();
  for (const entity of answer.entities) {
    const name = clipText(entity.name, LIMITS.entityName);
    const key = nameKey(name);
    const summary = entity.summary === null ? null : clipText(entity.summary, LIMITS.entitySummary) || null;
    if (entity.isSubject || subjectKeys.has(key) || (speaking && FIRST_PERSON.has(key))) {
      subjectMentioned = true;
      subjectSummary ??= summary;
      continue;
    }
    if (key.length === 0 || PRONOUNS.has(key) || others.has(key) || others.size >= LIMITS.entities) continue;
    others.set(key, { name, labels: entity.type === "Other" ? [] : [entity.type], summary });
  }
  return { subjectMentioned, subjectSummary, others: [...others.values()] };
}
