import { MAX_FACT_LENGTH, MAX_NODE_NAME_LENGTH } from "../../domain/graph/factInput";
import { nameKey } from "../../domain/graph/text";
import { fullName } from "../../domain/userNode";
import type { Extraction, ExtractedEntity, ExtractedFact, ExtractionInput, KnownFact } from "../../domain/extraction";

/** At most this many facts from one episode: a huge JSON document must not flood the graph. */
export const MAX_FACTS_PER_EPISODE = 100;

export interface DraftFact {
  name: string;
  fact: string;
  sourceRef: string;
  targetRef: string;
  validAt: Date | null;
  /**
   * A functional relation holds one value at a time (LIVES_IN, WORKS_AT, a JSON field): the source's
   * previous valid fact of the same name is contradicted when this one says something else.
   */
  functional: boolean;
}

/**
 * The extraction being built from one episode: entities by name (one ref per name, case ignored, the user's
 * own names meaning the user node), facts, and, when built, the link to what the graph already holds —
 * `resolvedUuid` for known nodes, `duplicateOf` for a fact already stated, `contradicts` for the value a
 * functional fact replaces.
 */
export class ExtractionDraft {
  private readonly entities = new Map<string, ExtractedEntity>();
  private readonly facts: DraftFact[] = [];
  private readonly userKeys: Set<string>;
  readonly userRef = "user";

  constructor(private readonly input: ExtractionInput) {
    const { subject } = input;
    const names = [subject.name, subject.userId, subject.email, fullName(subject), subject.firstName];
    this.userKeys = new Set(names.filter((name): name is string => Boolean(name)).map(nameKey));
    this.entities.set(this.userRef, {
      ref: this.userRef,
      name: subject.name,
      labels: [],
      summary: null,
      resolvedUuid: subject.nodeUuid,
    });
  }

  get userName(): string {
    return this.input.subject.name;
  }

  /** Whether a name stands for the user (userId, email, full name, first name or node name). */
  isUser(name: string): boolean {
    return this.userKeys.has(nameKey(name));
  }

  /** The ref of the entity with this name, added on first use; labels accumulate. Null for a blank name. */
  entity(rawName: string, labels: readonly string[] = []): string | null {
    const name = clip(rawName.replace(/\s+/g, " ").trim(), MAX_NODE_NAME_LENGTH);
    if (!/[\p{L}\p{N}]/u.test(name)) return null;
    if (this.isUser(name)) return this.userRef;
    const key = nameKey(name);
    // Prefixed, so that no name can take the user's ref.
    const ref = `e:${key}`;
    const known = this.entities.get(ref);
    if (known) {
      for (const label of labels) if (!known.labels.includes(label)) known.labels.push(label);
      return ref;
    }
    const candidate = this.input.candidates.find((node) => nameKey(node.name) === key);
    this.entities.set(ref, { ref, name, labels: [...new Set(labels)], summary: null, resolvedUuid: candidate?.uuid ?? null });
    return ref;
  }

  /** Adds a fact; a later functional fact of the same name and source replaces an earlier one of this episode. */
  fact(fact: DraftFact): void {
    if (fact.functional) {
      const earlier = this.facts.findIndex((other) => other.functional && other.name === fact.name && other.sourceRef === fact.sourceRef);
      if (earlier >= 0) this.facts.splice(earlier, 1);
    }
    if (this.facts.some((other) => sameStatement(other, fact))) return;
    if (this.facts.length < MAX_FACTS_PER_EPISODE) this.facts.push({ ...fact, fact: clip(fact.fact, MAX_FACT_LENGTH) });
  }

  build(): Extraction {
    const used = new Set(this.facts.flatMap((fact) => [fact.sourceRef, fact.targetRef]));
    // The user entity is listed only when a fact needs it; every other entity is kept (a mention).
    const entities = [...this.entities.values()].filter((entity) => entity.ref !== this.userRef || used.has(entity.ref));
    return {
      entities: entities.map((entity) => ({ ...entity, labels: [...entity.labels] })),
      facts: this.facts.map((fact) => this.linked(fact)),
      tokens: { prompt: 0, completion: 0 },
    };
  }

  private linked(fact: DraftFact): ExtractedFact {
    const sourceUuid = this.entities.get(fact.sourceRef)?.resolvedUuid ?? null;
    const targetUuid = this.entities.get(fact.targetRef)?.resolvedUuid ?? null;
    const known = sourceUuid === null ? [] : this.input.facts.filter((old) => old.sourceNodeUuid === sourceUuid && old.name === fact.name);
    // The same sentence between the same nodes; for a functional relation, any fact to the same value.
    const same =
      known.find((old) => old.targetNodeUuid === targetUuid && nameKey(old.fact) === nameKey(fact.fact)) ??
      (fact.functional ? known.find((old) => sameValue(old, targetUuid)) : undefined);
    const contradicts = fact.functional ? known.filter((old) => old !== same && !sameValue(old, targetUuid)).map((old) => old.uuid) : [];
    return {
      name: fact.name,
      fact: fact.fact,
      sourceRef: fact.sourceRef,
      targetRef: fact.targetRef,
      validAt: fact.validAt,
      invalidAt: null,
      duplicateOf: same?.uuid ?? null,
      contradicts,
    };
  }
}

function sameStatement(a: DraftFact, b: DraftFact): boolean {
  return a.name === b.name && a.sourceRef === b.sourceRef && a.targetRef === b.targetRef && nameKey(a.fact) === nameKey(b.fact);
}

/** An old fact that points at the same node states the same value, whatever its wording. */
function sameValue(old: KnownFact, targetUuid: string | null): boolean {
  return targetUuid !== null && old.targetNodeUuid === targetUuid;
}

/** Cuts text to `max` characters at a word boundary where there is one. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(" ");
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}
