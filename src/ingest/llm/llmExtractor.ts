import type { Metrics } from "../../metrics";
import type { LlmConfig } from "../../modelConfig";
import type { ExtractedEntity, ExtractedFact, Extraction, ExtractionInput, ExtractionSubject, Extractor } from "../../domain/extraction";
import { ChatClient } from "./chatClient";
import type { RetryPolicy, Sleep } from "./retry";
import { type MentionedEntities, extractEntities } from "./steps/extractEntities";
import { type FactEntity, type NewFact, extractFacts } from "./steps/extractFacts";
import { resolveEntities } from "./steps/resolveEntities";
import { type FactJudgement, resolveFacts } from "./steps/resolveFacts";
import { TokenBudget } from "./tokenBudget";

/** An entity of this extraction: the subject first, then one per distinct node, new or existing. */
interface Slot extends FactEntity {
  ref: string;
  summary: string | null;
  resolvedUuid: string | null;
  /** Whether the episode mentions it; the subject may be listed only because a fact needs it. */
  mentioned: boolean;
}

const SUBJECT_REF = "subject";

/**
 * Extraction with a language model, in graphiti's steps, each a call of its own with its own schema:
 * entities (the subject among them), their resolution against the candidates, facts between them, then
 * duplicates and contradictions among the user's valid facts. Calls are skipped when they have nothing to
 * decide. All calls of one episode share one token budget; any error ends the extraction, and its
 * `retryable` flag tells the queue whether a later attempt could succeed.
 */
export class LlmExtractor implements Extractor {
  readonly kind = "llm";

  constructor(
    private readonly chat: ChatClient,
    private readonly maxTokensPerEpisode: number,
  ) {}

  static fromConfig(config: LlmConfig, metrics: Metrics, overrides: { sleep?: Sleep; retry?: Partial<RetryPolicy> } = {}): LlmExtractor {
    return new LlmExtractor(ChatClient.fromConfig(config, metrics, overrides), config.maxTokensPerEpisode);
  }

  async extract(input: ExtractionInput, signal: AbortSignal): Promise<Extraction> {
    const budget = new TokenBudget(this.maxTokensPerEpisode);
    const mentioned = await extractEntities(this.chat, budget, input, signal);
    const resolved = await resolveEntities(this.chat, budget, input, mentioned.others, signal);
    const slots = toSlots(input.subject, mentioned, resolved);
    const facts = await extractFacts(this.chat, budget, input, slots, signal);
    const withNodes = facts.map((fact) => ({
      ...fact,
      sourceUuid: (slots[fact.sourceIndex] as Slot).resolvedUuid,
      targetUuid: (slots[fact.targetIndex] as Slot).resolvedUuid,
    }));
    const judgements = await resolveFacts(this.chat, budget, input, withNodes, signal);
    return { ...assemble(slots, facts, judgements), tokens: budget.spent };
  }
}

/**
 * One slot per node: an entity resolved to the subject's node joins the subject, and two entities
 * resolved to the same node become one, so that facts never connect a node to itself by accident.
 */
export function toSlots(subject: ExtractionSubject, mentioned: MentionedEntities, resolved: readonly (string | null)[]): Slot[] {
  const slots: Slot[] = [
    { ref: SUBJECT_REF, name: subject.name, labels: [], isSubject: true, summary: mentioned.subjectSummary, resolvedUuid: subject.nodeUuid, mentioned: mentioned.subjectMentioned },
  ];
  const byUuid = new Map<string, Slot>([[subject.nodeUuid, slots[0] as Slot]]);
  mentioned.others.forEach((entity, index) => {
    const uuid = resolved[index] ?? null;
    const existing = uuid === null ? undefined : byUuid.get(uuid);
    if (existing !== undefined) {
      existing.mentioned = true;
      return;
    }
    const slot: Slot = { ref: `e${slots.length}`, ...entity, isSubject: false, resolvedUuid: uuid, mentioned: true };
    slots.push(slot);
    if (uuid !== null) byUuid.set(uuid, slot);
  });
  return slots;
}

/** The contract's shapes: every mentioned entity, the subject too when a fact needs it, facts by ref. */
export function assemble(slots: readonly Slot[], facts: readonly NewFact[], judgements: readonly FactJudgement[]): Omit<Extraction, "tokens"> {
  const used = new Set(facts.flatMap((fact) => [fact.sourceIndex, fact.targetIndex]));
  const entities: ExtractedEntity[] = slots
    .filter((slot, index) => slot.mentioned || used.has(index))
    .map(({ ref, name, labels, summary, resolvedUuid }) => ({ ref, name, labels, summary, resolvedUuid }));
  const extracted: ExtractedFact[] = facts.map((fact, index) => ({
    name: fact.name,
    fact: fact.fact,
    sourceRef: (slots[fact.sourceIndex] as Slot).ref,
    targetRef: (slots[fact.targetIndex] as Slot).ref,
    validAt: fact.validAt,
    invalidAt: fact.invalidAt,
    duplicateOf: judgements[index]?.duplicateOf ?? null,
    contradicts: judgements[index]?.contradicts ?? [],
  }));
  return { entities, facts: extracted };
}
