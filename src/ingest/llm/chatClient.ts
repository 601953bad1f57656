import type { Metrics } from "../../metrics";
import type { LlmConfig, ModelEndpoint } from "../../modelConfig";
import type { TokenUse } from "../../domain/extraction";
import { postJson } from "./http";
import { ModelCallError } from "./modelErrors";
import { DEFAULT_RETRY, type RetryPolicy, type Sleep, withRetries } from "./retry";
import { type Schema, SchemaMismatch } from "./schema";
import { type TokenBudget, estimateTokens } from "./tokenBudget";

export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

/** One question whose answer must fit a JSON schema. */
export interface StructuredCall<T> {
  /** The schema's name in response_format (letters, digits, _ and -). */
  name: string;
  schema: Schema<T>;
  messages: ChatMessage[];
  /** The most completion tokens the answer should need; the episode's budget may grant fewer. */
  maxCompletionTokens: number;
}

export interface ChatClientOptions {
  endpoint: ModelEndpoint;
  model: string;
  timeoutMs: number;
  maxTokensField: LlmConfig["maxTokensField"];
  retry: RetryPolicy;
  metrics: Metrics;
  /** Tests pass one that records the waits instead of waiting. */
  sleep?: Sleep;
}

/**
 * Structured output from an OpenAI-compatible `/chat/completions`: the schema goes in `response_format`
 * (json_schema, strict), the answer is parsed and checked against it, and every attempt's token use is
 * counted in the metrics and booked on the episode's budget. A malformed answer is retried like a 5xx;
 * a refusal or an answer cut at the token limit is not, since asking again would end the same way.
 */
export class ChatClient {
  constructor(private readonly options: ChatClientOptions) {}

  static fromConfig(config: LlmConfig, metrics: Metrics, overrides: { sleep?: Sleep; retry?: Partial<RetryPolicy> } = {}): ChatClient {
    return new ChatClient({
      endpoint: config,
      model: config.model,
      timeoutMs: config.timeoutMs,
      maxTokensField: config.maxTokensField,
      retry: { ...DEFAULT_RETRY, maxAttempts: config.maxAttempts, ...overrides.retry },
      metrics,
      ...(overrides.sleep ? { sleep: overrides.sleep } : {}),
    });
  }

  complete<T>(call: StructuredCall<T>, budget: TokenBudget, signal: AbortSignal): Promise<T> {
    return withRetries(() => this.attempt(call, budget, signal), this.options.retry, signal, {
      sleep: this.options.sleep,
      onOutcome: (outcome) => this.options.metrics.modelRequests.inc({ api: "chat", outcome }),
    });
  }

  private async attempt<T>(call: StructuredCall<T>, budget: TokenBudget, signal: AbortSignal): Promise<T> {
    const promptEstimate = estimateTokens(JSON.stringify(call.messages) + JSON.stringify(call.schema.json));
    const body = {
      model: this.options.model,
      messages: call.messages,
      response_format: { type: "json_schema", json_schema: { name: call.name, strict: true, schema: call.schema.json } },
      [this.options.maxTokensField]: budget.allowance(promptEstimate, call.maxCompletionTokens),
    };
    const answer = readAnswer(await postJson(this.options.endpoint, "/chat/completions", body, this.options.timeoutMs, signal));
    // A server that reports no usage is booked at our estimate, so the budget still bounds it.
    const use = answer.usage ?? { prompt: promptEstimate, completion: estimateTokens(answer.content ?? "") };
    this.options.metrics.llmTokens.inc({ kind: "prompt" }, use.prompt);
    this.options.metrics.llmTokens.inc({ kind: "completion" }, use.completion);
    budget.record(use);

    if (answer.refusal !== null) throw new ModelCallError(`the model refused ${call.name}: ${answer.refusal}`, { retryable: false });
    if (answer.finishReason === "length") {
      throw new ModelCallError(`the answer to ${call.name} was cut at the token limit`, { retryable: false });
    }
    if (answer.content === null) throw new ModelCallError(`the answer to ${call.name} has no content`, { retryable: true });
    return parseContent(answer.content, call);
  }
}

interface Answer {
  content: string | null;
  refusal: string | null;
  finishReason: string | null;
  usage: TokenUse | null;
}

function readAnswer(body: unknown): Answer {
  const root = body as { choices?: unknown; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } } | null;
  const choice = Array.isArray(root?.choices) ? (root.choices[0] as { message?: unknown; finish_reason?: unknown } | undefined) : undefined;
  const message = choice?.message as { content?: unknown; refusal?: unknown } | undefined;
  if (message === undefined || typeof message !== "object" || message === null) {
    throw new ModelCallError("the chat answer has no choices[0].message", { retryable: true });
  }
  const { prompt_tokens: prompt, completion_tokens: completion } = root?.usage ?? {};
  return {
    content: typeof message.content === "string" ? message.content : null,
    refusal: typeof message.refusal === "string" && message.refusal.length > 0 ? message.refusal : null,
    finishReason: typeof choice?.finish_reason === "string" ? choice.finish_reason : null,
    usage: typeof prompt === "number" && typeof completion === "number" ? { prompt, completion } : null,
  };
}

/** The answer's JSON, checked against the schema; a ```json fence (servers without structured output) is allowed. */
export function parseContent<T>(content: string, call: Pick<StructuredCall<T>, "name" | "schema">): T {
  const unfenced = content.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, "$1");
  let value: unknown;
  try {
    value = JSON.parse(unfenced);
  } catch (error) {
    throw new ModelCallError(`the answer to ${call.name} is not JSON: ${unfenced.slice(0, 80)}`, { retryable: true, cause: error });
  }
  try {
    return call.schema.parse(value, "$");
  } catch (error) {
    if (!(error instanceof SchemaMismatch)) throw error;
    throw new ModelCallError(`the answer to ${call.name} does not fit its schema: ${error.message}`, { retryable: true, cause: error });
  }
}
