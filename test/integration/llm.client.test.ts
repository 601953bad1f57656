import { createMetrics, type Metrics } from "../../src/metrics";
import type { EmbeddingsConfig, LlmConfig } from "../../src/modelConfig";
import { embeddingsConfigFor, llmConfigFor } from "../support/modelConfigs";
import { ChatClient } from "../../src/ingest/llm/chatClient";
import { EmbeddingsClient } from "../../src/ingest/llm/embeddingsClient";
import { ModelCallError, TokenBudgetExceeded } from "../../src/ingest/llm/modelErrors";
import { array, object, string } from "../../src/ingest/llm/schema";
import { TokenBudget, estimateTokens } from "../../src/ingest/llm/tokenBudget";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/openAiStandIn";

// The chat and embeddings clients against a real HTTP server speaking OpenAI's protocol: what they send,
// how they retry, when they give up, and what they count.

const names = object({ names: array(string()) });
const ask = { name: "list_names", schema: names, messages: [{ role: "user" as const, content: "Names in: Tom met Ana." }], maxCompletionTokens: 500 };

async function counter(metrics: Metrics, name: "llmTokens" | "modelRequests" | "embeddingTokens"): Promise<Record<string, number>> {
  const { values } = await metrics[name].get();
  return Object.fromEntries(values.map((value) => [Object.values(value.labels).join("/") || "total", value.value]));
}

describe("the chat client against the stand-in", () => {
  let standIn: OpenAiStandIn;
  let metrics: Metrics;
  let waits: number[];
  const sleep = (ms: number) => Promise.resolve(void waits.push(ms));
  const signal = new AbortController().signal;
  const client = (overrides: Partial<LlmConfig> = {}) => ChatClient.fromConfig(llmConfigFor(standIn, overrides), metrics, { sleep });

  beforeEach(async () => {
    standIn = await startOpenAiStandIn();
    metrics = createMetrics();
    waits = [];
  });
  afterEach(() => standIn.close());

  it("sends the model, the bearer key, the schema as strict json_schema and a completion bound, and returns the parsed answer", async () => {
    standIn.scriptChat("list_names", { json: { names: ["Tom", "Ana"] } });
    const answer = await client().complete(ask, new TokenBudget(20_000), signal);
    expect(answer).toEqual({ names: ["Tom", "Ana"] });
    const [request] = standIn.chatRequests();
    expect(request?.headers.authorization).toBe("Bearer sk-test");
    expect(request?.body).toEqual({
      model: "stand-in-model",
      messages: ask.messages,
      response_format: { type: "json_schema", json_schema: { name: "list_names", strict: true, schema: names.json } },
      max_completion_tokens: 500,
    });
  });

  it("uses max_tokens when configured, and Azure's api-key header and api-version", async () => {
    standIn.scriptChat("list_names", { json: { names: [] } });
    await client({ maxTokensField: "max_tokens", apiVersion: "2024-10-21" }).complete(ask, new TokenBudget(20_000), signal);
    const [request] = standIn.chatRequests();
    expect(request?.body.max_tokens).toBe(500);
    expect(request?.body).not.toHaveProperty("max_completion_tokens");
    expect(request?.headers["api-key"]).toBe("sk-test");
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.query).toEqual({ "api-version": "2024-10-21" });
  });

  it("retries a 429 after its Retry-After, a 500, a hang past the timeout and malformed answers, then succeeds", async () => {
    standIn.scriptChat(
      "list_names",
      { status: 429, headers: { "retry-after": "2" } },
      { status: 500 },
      { hang: true },
      { content: "Here you go: Tom and Ana" },
      { rawBody: "<html>bad gateway</html>" },
      { json: { names: ["Tom"] } },
    );
    const answer = await client({ maxAttempts: 6, timeoutMs: 1000 }).complete(ask, new TokenBudget(20_000), signal);
    expect(answer).toEqual({ names: ["Tom"] });
    expect(standIn.chatRequests()).toHaveLength(6);
    expect(waits[0]).toBe(2000);
    expect(waits).toHaveLength(5);
    expect(await counter(metrics, "modelRequests")).toEqual({ "chat/retried": 5, "chat/ok": 1 });
  });

  it("gives up after maxAttempts with a retryable error naming the last failure", async () => {
    standIn.scriptChat("list_names", { status: 503 }, { status: 502 }, { status: 500, body: { error: { message: "upstream overloaded" } } });
    const failure = client({ maxAttempts: 3 }).complete(ask, new TokenBudget(20_000), signal);
    await expect(failure).rejects.toThrow("gave up after 3 attempts: /chat/completions answered 500: upstream overloaded");
    await expect(failure).rejects.toMatchObject({ retryable: true, status: 500 });
    expect(standIn.chatRequests()).toHaveLength(3);
    expect(await counter(metrics, "modelRequests")).toEqual({ "chat/retried": 2, "chat/failed": 1 });
  });

  it("does not retry a 400 or 401, nor an answer cut at the token limit", async () => {
    standIn.scriptChat("list_names", { status: 401, body: { error: { message: "Incorrect API key provided" } } });
    await expect(client().complete(ask, new TokenBudget(20_000), signal)).rejects.toMatchObject({
      retryable: false,
      status: 401,
      message: "/chat/completions answered 401: Incorrect API key provided",
    });
    standIn.scriptChat("list_names", { json: { names: [] }, finishReason: "length" });
    await expect(client().complete(ask, new TokenBudget(20_000), signal)).rejects.toMatchObject({ retryable: false });
    expect(standIn.chatRequests()).toHaveLength(2);
  });

  it("fails fast, retryable, when nothing listens", async () => {
    const closed = llmConfigFor(standIn, { baseUrl: "http://127.0.0.1:1/v1", maxAttempts: 2 });
    const failure = ChatClient.fromConfig(closed, metrics, { sleep }).complete(ask, new TokenBudget(20_000), signal);
    await expect(failure).rejects.toBeInstanceOf(ModelCallError);
    await expect(failure).rejects.toMatchObject({ retryable: true });
  });

  it("counts the tokens every attempt reported, malformed ones included, in the metrics and the budget", async () => {
    standIn.scriptChat("list_names", { content: "not json", usage: { prompt: 100, completion: 7 } }, { json: { names: ["Tom"] }, usage: { prompt: 120, completion: 9 } });
    const budget = new TokenBudget(20_000);
    await client().complete(ask, budget, signal);
    expect(budget.spent).toEqual({ prompt: 220, completion: 16 });
    expect(await counter(metrics, "llmTokens")).toEqual({ prompt: 220, completion: 16 });
  });

  it("bounds the answer by what the budget has left, and stops, without retrying, once the budget is spent", async () => {
    const budget = new TokenBudget(1000);
    const promptEstimate = estimateTokens(JSON.stringify(ask.messages) + JSON.stringify(names.json));
    standIn.scriptChat("list_names", { json: { names: [] }, usage: { prompt: 400, completion: 200 } }, { json: { names: [] }, usage: { prompt: 200, completion: 150 } });
    await client().complete(ask, budget, signal);
    await client().complete(ask, budget, signal);
    expect(standIn.chatRequests().map((request) => request.body.max_completion_tokens)).toEqual([500, 400 - promptEstimate]);

    standIn.scriptChat("list_names", { json: { names: [] } });
    await expect(client().complete(ask, budget, signal)).rejects.toBeInstanceOf(TokenBudgetExceeded);
    expect(standIn.chatRequests()).toHaveLength(2);
    expect(standIn.unusedReplies()).toEqual(["list_names"]);
  });

  it("fails the episode when an answer's reported use passes the budget", async () => {
    standIn.scriptChat("list_names", { json: { names: [] }, usage: { prompt: 900, completion: 400 } });
    const failure = client().complete(ask, new TokenBudget(1000), signal);
    await expect(failure).rejects.toThrow("the episode used 1300 tokens, more than its budget of 1000");
    await expect(failure).rejects.toMatchObject({ retryable: false });
  });
});

describe("the embeddings client against the stand-in", () => {
  let standIn: OpenAiStandIn;
  let metrics: Metrics;
  let waits: number[];
  const signal = new AbortController().signal;
  const config = (overrides: Partial<EmbeddingsConfig> = {}) => embeddingsConfigFor(standIn, overrides);
  const client = (overrides: Partial<EmbeddingsConfig> = {}) =>
    EmbeddingsClient.fromConfig(config(overrides), metrics, { sleep: (ms) => Promise.resolve(void waits.push(ms)) });

  beforeEach(async () => {
    standIn = await startOpenAiStandIn({ dimensions: 32 });
    metrics = createMetrics();
    waits = [];
  });
  afterEach(() => standIn.close());

  it("sends texts in batches and returns one vector per text, in text order", async () => {
    const texts = ["Jane works at Acme", "Tom lives in Lisbon", "Jane works at Acme", "guitar", "quince"];
    const vectors = await client().embed(texts, signal);
    expect(standIn.embeddingRequests().map((request) => request.body.input)).toEqual([texts.slice(0, 2), texts.slice(2, 4), texts.slice(4)]);
    expect(standIn.embeddingRequests()[0]?.body).toMatchObject({ model: "stand-in-embeddings", encoding_format: "float" });
    expect(standIn.embeddingRequests()[0]?.headers.authorization).toBe("Bearer ek");
    expect(vectors).toHaveLength(5);
    expect(vectors.every((vector) => vector.length === 32)).toBe(true);
    // The stand-in answers each batch reversed; the client orders by index.
    expect(vectors[2]).toEqual(vectors[0]);
    expect(vectors[1]).not.toEqual(vectors[0]);
    expect((await counter(metrics, "embeddingTokens")).total).toBeGreaterThan(0);
  });

  it("asks for the configured dimensions, and refuses vectors of another length without retrying", async () => {
    expect((await client({ dimensions: 16 }).embed(["a text"], signal))[0]).toHaveLength(16);
    expect(standIn.embeddingRequests()[0]?.body.dimensions).toBe(16);
    // A server that ignores `dimensions` answers its own length, which the vector index would not take.
    const deaf = await startOpenAiStandIn({ dimensions: 32, ignoreDimensions: true });
    try {
      const failure = EmbeddingsClient.fromConfig({ ...config({ dimensions: 8 }), baseUrl: deaf.baseUrl }, metrics).embed(["x"], signal);
      await expect(failure).rejects.toMatchObject({ retryable: false, message: "the embeddings model answered 32 dimensions, not the 8 of EMBEDDINGS_DIMENSIONS" });
      expect(deaf.embeddingRequests()).toHaveLength(1);
    } finally {
      await deaf.close();
    }
  });

  it("retries a 429 with Retry-After and a 500, then succeeds; gives up after maxAttempts", async () => {
    standIn.failEmbeddings({ status: 429, headers: { "retry-after-ms": "750" } }, { status: 500 });
    expect(await client().embed(["one"], signal)).toHaveLength(1);
    expect(waits[0]).toBe(750);
    expect(standIn.embeddingRequests()).toHaveLength(3);

    standIn.failEmbeddings({ status: 500 }, { status: 500 }, { status: 500 });
    await expect(client().embed(["two"], signal)).rejects.toMatchObject({ retryable: true, message: expect.stringContaining("gave up after 3 attempts") });
    expect(await counter(metrics, "modelRequests")).toEqual({ "embeddings/retried": 4, "embeddings/ok": 1, "embeddings/failed": 1 });
  });

  it("returns nothing and calls nothing for no texts", async () => {
    expect(await client().embed([], signal)).toEqual([]);
    expect(standIn.embeddingRequests()).toHaveLength(0);
  });
});
