import { type UserFields, describeUserNode } from "../userNode";

export const MAX_SUMMARY_LENGTH = 1000;

/** What a node's summary is made from: who the node is, and its currently valid facts, newest first. */
export interface SummaryInput {
  name: string;
  /** The user's own fields when the node is a user node. */
  user: UserFields | null;
  /** A description given for the node (addFactTriple's node summaries), if any. */
  description: string | null;
  facts: readonly { fact: string }[];
}

/**
 * Makes node summaries. Called inside the transaction that changed the facts, so that a summary never
 * lags behind them; a language-model implementation can take this place, as long as it is quick and
 * free of side effects (the driver may retry a transaction).
 */
export interface Summarizer {
  summarize(inputs: readonly SummaryInput[]): Promise<string[]>;
}

/** The default: no network. Who the node is, then its facts as sentences, newest first, within 1000 characters. */
export const factListSummarizer: Summarizer = {
  summarize: (inputs) => Promise.resolve(inputs.map(summarizeFromFacts)),
};

/** Who the node is, before its facts: the user's own description for a user node, else the description given. */
export function openingOf(input: Pick<SummaryInput, "user" | "description">): string {
  return input.user ? describeUserNode(input.user).summary : input.description ?? "";
}

export function summarizeFromFacts(input: SummaryInput): string {
  const opening = openingOf(input);
  const sentences = [opening, ...input.facts.map((fact) => asSentence(fact.fact))].filter((text) => text.length > 0);
  let summary = "";
  for (const sentence of sentences) {
    const next = summary.length === 0 ? sentence : `${summary} ${sentence}`;
    // Cut at a sentence end: a fact that does not fit ends the summary rather than being clipped.
    if (next.length > MAX_SUMMARY_LENGTH) break;
    summary = next;
  }
  return summary.length > 0 || sentences.length === 0 ? summary : clipAtSentenceEnd(sentences[0] as string);
}

function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]["')\]]?$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** A text longer than the limit (an opening, a model's summary): keep its sentences that fit, or its words that do. */
export function clipAtSentenceEnd(text: string): string {
  const head = text.slice(0, MAX_SUMMARY_LENGTH);
  const lastEnd = Math.max(head.lastIndexOf(". "), head.lastIndexOf("! "), head.lastIndexOf("? "));
  if (lastEnd > 0) return head.slice(0, lastEnd + 1);
  const lastSpace = head.lastIndexOf(" ", MAX_SUMMARY_LENGTH - 1);
  return `${head.slice(0, lastSpace > 0 ? lastSpace : MAX_SUMMARY_LENGTH - 1)}.`;
}
