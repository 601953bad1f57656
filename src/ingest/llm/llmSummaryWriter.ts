import { MAX_SUMMARY_LENGTH, clipAtSentenceEnd, summarizeFromFacts } from "../../domain/graph/summarizer";
import type { Metrics } from "../../metrics";
import type { LlmConfig } from "../../modelConfig";
import type { SummaryWriter, TokenUse } from "../../domain/extraction";
import { ChatClient, type ChatMessage } from "./chatClient";
import { DATA_NOTE, jsonLines } from "./promptParts";
import type { RetryPolicy, Sleep } from "./retry";
import { clipText } from "./sanitize";
import { object, string } from "./schema";
import { TokenBudget } from "./tokenBudget";

export const summarySchema = object({
  summary: string(`At most ${MAX_SUMMARY_LENGTH} characters, from the OPENING and the FACTS only.`),
});

/** The prompt holds at most this many facts, each cut to FACT_CHARS: the newest matter most (the caller sends newest first). */
const MAX_FACTS = 100;
const FACT_CHARS = 300;

export function summaryPrompt(node: { name: string; opening: string }, facts: readonly string[]): ChatMessage[] {
  const system = "You write short, plain summaries of what a memory holds about one entity. " + DATA_NOTE;
  const listed = facts.slice(0, MAX_FACTS).map((fact) => ({ fact: clipText(fact, FACT_CHARS) }));
  const rules = `Task: summarise what is known about ${node.name} in at most ${MAX_SUMMARY_LENGTH} characters of plain prose.
- Begin with the OPENING's substance, then the most useful FACTS (newest first when they compete for space).
- Use only the OPENING and the FACTS: they are everything that currently holds. Add nothing else, and nothing you may know about the name.
- No lists, no markdown, no speculation.`;
  return [
    { role: "system", content: system },
    { role: "user", content: [`<OPENING>\n${node.opening || "(none)"}\n</OPENING>`, `<FACTS>\n${jsonLines(listed)}\n</FACTS>`, rules].join("\n\n") },
  ];
}

/**
 * Model-written node summaries of at most 1,000 characters, from the node's opening line and its currently
 * valid facts, which is all it is shown: a fact invalidated or deleted is not in the list, so it cannot
 * reach the summary. An answer over the limit is cut at a sentence end; an empty one gives way to the
 * deterministic summary. Each call has its own token budget (the per-episode limit); the tokens it used are
 * returned for the pipeline to add to the episode's.
 */
export class LlmSummaryWriter implements SummaryWriter {
  constructor(
    private readonly chat: ChatClient,
    private readonly maxTokensPerCall: number,
  ) {}

  static fromConfig(config: LlmConfig, metrics: Metrics, overrides: { sleep?: Sleep; retry?: Partial<RetryPolicy> } = {}): LlmSummaryWriter {
    return new LlmSummaryWriter(ChatClient.fromConfig(config, metrics, overrides), config.maxTokensPerEpisode);
  }

  async summarize(node: { name: string; opening: string }, facts: readonly string[], signal: AbortSignal): Promise<{ summary: string; tokens: TokenUse }> {
    const budget = new TokenBudget(this.maxTokensPerCall);
    const answer = await this.chat.complete({ name: "summarize_node", schema: summarySchema, messages: summaryPrompt(node, facts), maxCompletionTokens: 600 }, budget, signal);
    return { summary: boundedSummary(answer.summary, node, facts), tokens: budget.spent };
  }
}

export function boundedSummary(text: string, node: { name: string; opening: string }, facts: readonly string[]): string {
  const summary = text.replace(/\s+/g, " ").trim();
  if (summary.length === 0) return summarizeFromFacts({ name: node.name, user: null, description: node.opening, facts: facts.map((fact) => ({ fact })) });
  return summary.length <= MAX_SUMMARY_LENGTH ? summary : clipAtSentenceEnd(summary);
}
