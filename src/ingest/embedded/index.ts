import { fullName } from "../../domain/userNode";
import type { Extraction, ExtractionInput, Extractor } from "../../domain/extraction";
import { ExtractionDraft } from "./draft";
import { extractFromJson } from "./jsonRecords";
import { namedEntities } from "./namedEntities";
import { FIRST_PERSON, personalFacts, thirdPerson } from "./personalFacts";

/**
 * The default extractor: no network and no language model. It reads JSON business data field by field,
 * finds people, places and organisations with compromise's English lexicon, and reads the common personal
 * facts (work, home, role, preference, manager, birthday, phone) with patterns: "I …" in the user's own
 * messages, "<the user's name> …" in text. It understands nothing else; see the README.
 */
export const embeddedExtractor: Extractor = {
  kind: "embedded",
  extract: (input) => Promise.resolve(extractEmbedded(input)),
};

export function extractEmbedded(input: ExtractionInput): Extraction {
  const draft = new ExtractionDraft(input);
  const { episode, subject } = input;
  if (episode.kind === "JSON") {
    extractFromJson(draft, episode.content);
    return draft.build();
  }
  for (const entity of namedEntities(episode.content)) draft.entity(entity.name, entity.labels);
  const voice =
    episode.kind === "MESSAGE"
      ? episode.roleType === "user"
        ? FIRST_PERSON
        : null
      : thirdPerson([subject.name, fullName(subject), subject.firstName, subject.email].filter((name): name is string => Boolean(name)));
  if (voice === null) return draft.build();
  for (const found of personalFacts(episode.content, voice, subject.name, episode.createdAt)) {
    const target = draft.entity(found.target, found.targetLabels);
    if (target === null || target === draft.userRef) continue;
    draft.fact({ name: found.name, fact: found.fact, sourceRef: draft.userRef, targetRef: target, validAt: found.validAt, functional: FUNCTIONAL.has(found.name) });
  }
  return draft.build();
}

/** Relations that hold one value at a time: a new value contradicts the old. PREFERS accumulates. */
const FUNCTIONAL = new Set(["WORKS_AT", "LIVES_IN", "HAS_ROLE", "HAS_MANAGER", "HAS_BIRTHDAY", "HAS_PHONE"]);
