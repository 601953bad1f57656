import { requestHeaders, requestUrl } from "../../src/ingest/llm/http";
import { ModelCallError, TokenBudgetExceeded, isRetryableModelError } from "../../src/ingest/llm/modelErrors";
import { type RetryPolicy, backoffDelay, retryAfterMs, withRetries } from "../../src/ingest/llm/retry";
import { TokenBudget } from "../../src/ingest/llm/tokenBudget";

// The retry loop, the Retry-After reading, the token budget and the endpoint's URL and headers: the rules
// every model call follows, without a server.

const POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
const retryable = (message: string, retryAfter: number | null = null) => new ModelCallError(message, { retryable: true, retryAfterMs: retryAfter, status: 503 });

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: (ms: number) => Promise.resolve(void waits.push(ms)) };
}

describe("withRetries", () => {
  const signal = new AbortController().signal;

  it("retries retryable errors until an attempt succeeds, waiting between attempts", async () => {
    const { waits, sleep } = recordingSleep();
    let calls = 0;
    const result = await withRetries(
      (attempt) => {
        calls += 1;
        return attempt < 3 ? Promise.reject(retryable(`fail ${attempt}`)) : Promise.resolve("ok");
      },
      POLICY,
      signal,
      { sleep },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it("waits what Retry-After asked for instead of its own backoff", async () => {
    const { waits, sleep } = recordingSleep();
    let calls = 0;
    await withRetries(() => (calls++ === 0 ? Promise.reject(retryable("429", 2000)) : Promise.resolve(1)), POLICY, signal, { sleep });
    expect(waits).toEqual([2000]);
  });

  it("gives up after maxAttempts with a retryable error that says how many attempts it made", async () => {
    const { waits, sleep } = recordingSleep();
    const failure = withRetries(() => Promise.reject(retryable("503 from upstream")), POLICY, signal, { sleep });
    await expect(failure).rejects.toMatchObject({ retryable: true, status: 503, message: "gave up after 4 attempts: 503 from upstream" });
    expect(waits).toHaveLength(3);
  });

  it("does not retry an error that is not retryable, nor one that is not a ModelCallError", async () => {
    let calls = 0;
    const refused = new ModelCallError("401 bad key", { retryable: false, status: 401 });
    await expect(withRetries(() => (calls++, Promise.reject(refused)), POLICY, signal)).rejects.toBe(refused);
    const bug = new TypeError("a bug");
    await expect(withRetries(() => (calls++, Promise.reject(bug)), POLICY, signal)).rejects.toBe(bug);
    expect(calls).toBe(2);
  });

  it("gives up at once, still retryable, when Retry-After is longer than one call waits", async () => {
    const { waits, sleep } = recordingSleep();
    const failure = withRetries(() => Promise.reject(retryable("429", 60_000)), POLICY, signal, { sleep });
    await expect(failure).rejects.toMatchObject({ retryable: true, retryAfterMs: 60_000 });
    expect(waits).toEqual([]);
  });

  it("stops when the caller aborts, with the caller's reason, even while waiting", async () => {
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const failure = withRetries(
      () => {
        setTimeout(() => controller.abort(reason), 5);
        return Promise.reject(retryable("503"));
      },
      { ...POLICY, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      controller.signal,
    );
    await expect(failure).rejects.toBe(reason);
  });
});

describe("backoffDelay", () => {
  it("draws up to base * 2^(attempt - 1), capped at maxDelayMs (full jitter)", () => {
    expect(backoffDelay(1, POLICY, () => 0.999)).toBe(100);
    expect(backoffDelay(3, POLICY, () => 0.5)).toBe(200);
    expect(backoffDelay(10, POLICY, () => 1)).toBe(1000);
    expect(backoffDelay(2, POLICY, () => 0)).toBe(0);
  });
});

describe("retryAfterMs", () => {
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

  it("reads seconds, an HTTP date, and OpenAI's retry-after-ms before them", () => {
    expect(retryAfterMs(headers({ "retry-after": "3" }))).toBe(3000);
    expect(retryAfterMs(headers({ "retry-after": "0.5" }))).toBe(500);
    expect(retryAfterMs(headers({ "retry-after-ms": "1250", "retry-after": "9" }))).toBe(1250);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs(headers({ "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" }), now)).toBe(7000);
  });

  it("is null when absent or unreadable", () => {
    expect(retryAfterMs(headers({}))).toBeNull();
    expect(retryAfterMs(headers({ "retry-after": "soon" }))).toBeNull();
  });
});

describe("TokenBudget", () => {
  it("grants the answer what is left after the prompt's estimate, up to what the call wants", () => {
    const budget = new TokenBudget(1000);
    expect(budget.allowance(100, 500)).toBe(500);
    budget.record({ prompt: 300, completion: 200 });
    expect(budget.allowance(100, 500)).toBe(400);
    expect(budget.spent).toEqual({ prompt: 300, completion: 200 });
  });

  it("refuses a call with too little room left, and fails once the reported use passes the limit", () => {
    const budget = new TokenBudget(1000);
    budget.record({ prompt: 900, completion: 50 });
    expect(() => budget.allowance(100, 500)).toThrow(TokenBudgetExceeded);
    expect(() => budget.record({ prompt: 40, completion: 20 })).toThrow("the episode used 1010 tokens, more than its budget of 1000");
    try {
      budget.allowance(0, 10);
    } catch (error) {
      expect(isRetryableModelError(error)).toBe(false);
    }
    expect.assertions(3);
  });
});

describe("the endpoint's URL and headers", () => {
  it("sends a bearer token to OpenAI-compatible servers, and nothing without a key", () => {
    const openAi = { baseUrl: "https://api.openai.com/v1", apiKey: "sk-1", apiVersion: null };
    expect(requestUrl(openAi, "/chat/completions")).toBe("https://api.openai.com/v1/chat/completions");
    expect(requestHeaders(openAi)).toMatchObject({ authorization: "Bearer sk-1" });
    expect(requestHeaders({ baseUrl: "http://localhost:11434/v1", apiKey: null, apiVersion: null })).not.toHaveProperty("authorization");
  });

  it("sends Azure OpenAI its api-key header and api-version query", () => {
    const azure = { baseUrl: "https://res.openai.azure.com/openai/deployments/gpt4o", apiKey: "k", apiVersion: "2024-10-21" };
    expect(requestUrl(azure, "/chat/completions")).toBe("https://res.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21");
    expect(requestHeaders(azure)).toMatchObject({ "api-key": "k" });
    expect(requestHeaders(azure)).not.toHaveProperty("authorization");
    expect(requestHeaders({ baseUrl: "https://res.openai.azure.com/openai/v1", apiKey: "k", apiVersion: null })).toMatchObject({ "api-key": "k" });
  });
});
