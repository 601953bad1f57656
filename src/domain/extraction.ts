/**
 * The contract between the ingestion pipeline and whatever reads meaning out of an episode: the embedded
 * extractor (no network, no model) or a language model behind an OpenAI-compatible endpoint. The pipeline
 * gathers the input from Neo4j, calls `extract` outside any transaction, then applies the result in one
 * transaction under the user's lock. Extractors never touch the database.
 */

/** Who the episode belongs to: the user, and the user's own node in their graph. */
export interface ExtractionSubject {
  userId: string;
  userUuid: string;
  nodeUuid: string;
  /** The user node's name: the full name, else the userId. */
  name: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

export type EpisodeKind = "MESSAGE" | "TEXT" | "JSON";

export interface EpisodeToExtract {
  uuid: string;
  kind: EpisodeKind;
  content: string;
  /** For messages: Zep's role type ("user", "assistant", "system", …), so "I" in a user message is the user. */
  roleType: string | null;
  /** For messages: the speaker's display name, when given. */
  speaker: string | null;
  /** The reference time for relative dates in the text ("last month"). */
  createdAt: Date;
}

export interface KnownEntity {
  uuid: string;
  name: string;
  labels: string[];
  summary: string;
}

export interface KnownFact {
  uuid: string;
  /** UPPER_SNAKE_CASE relation name, e.g. WORKS_AT. */
  name: string;
  fact: string;
  sourceNodeUuid: string;
  targetNodeUuid: string;
  validAt: Date | null;
  invalidAt: Date | null;
}

export interface ExtractionInput {
  subject: ExtractionSubject;
  episode: EpisodeToExtract;
  /** A few earlier episodes of the same user, oldest first, for context only (never extracted from again). */
  previousEpisodes: readonly { content: string; roleType: string | null; createdAt: Date }[];
  /** Existing nodes of the user's graph that may be the same as entities in this episode (bounded). */
  candidates: readonly KnownEntity[];
  /** Currently valid facts touching the candidates and the user node (bounded). */
  facts: readonly KnownFact[];
}

/** `ref` is local to one extraction; facts point at entities by it. */
export interface ExtractedEntity {
  ref: string;
  name: string;
  /** e.g. ["Person"], ["Organization"], ["Location"], ["Preference"]; "Entity" is implied. */
  labels: string[];
  summary: string | null;
  /** The uuid of an existing node (a candidate or the user node) this entity is, or null for a new node. */
  resolvedUuid: string | null;
}

export interface ExtractedFact {
  /** UPPER_SNAKE_CASE, e.g. WORKS_AT, LIVES_IN, HAS_PLAN. */
  name: string;
  /** One sentence stating the fact, e.g. "Jane Smith works at Acme". */
  fact: string;
  sourceRef: string;
  targetRef: string;
  validAt: Date | null;
  invalidAt: Date | null;
  /** The uuid of an existing, still valid fact that states the same thing: cite it instead of adding a copy. */
  duplicateOf: string | null;
  /** Uuids of existing valid facts this one contradicts: they get invalidAt (history is kept). */
  contradicts: string[];
}

export interface TokenUse {
  prompt: number;
  completion: number;
}

export interface Extraction {
  entities: ExtractedEntity[];
  facts: ExtractedFact[];
  tokens: TokenUse;
}

export interface Extractor {
  /** "embedded" or "llm", for logs and metrics. */
  readonly kind: string;
  extract(input: ExtractionInput, signal: AbortSignal): Promise<Extraction>;
}

/** Writes a node summary of at most 1,000 characters from the node's currently valid facts (model mode only). */
export interface SummaryWriter {
  summarize(
    node: { name: string; opening: string },
    facts: readonly string[],
    signal: AbortSignal,
  ): Promise<{ summary: string; tokens: TokenUse }>;
}
