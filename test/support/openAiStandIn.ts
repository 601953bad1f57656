import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for an OpenAI-compatible API, on 127.0.0.1 and a free port, speaking the real wire
 * protocol: `POST /v1/chat/completions` answers the replies a test scripted, by the schema name the request
 * puts in `response_format` (or in call order); `POST /v1/embeddings` answers deterministic bag-of-words
 * vectors, so texts that share words (or words the test declares alike) are near. Failures are scripted
 * too: a status with headers (500, 429 with Retry-After), a hang past the client's timeout, a body that is
 * not JSON, content that is not JSON. Every request is recorded for the test to inspect.
 */

export type Failure =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true }
  /** A 200 whose body is not JSON. */
  | { rawBody: string };

export type ChatReply =
  | Failure
  /** A completion whose content is this JSON (it must fit the requested schema's top-level properties). */
  | { json: unknown; usage?: { prompt: number; completion: number }; finishReason?: string }
  /** A completion whose content is this text, as given: a model answering outside its schema. */
  | { content: string; usage?: { prompt: number; completion: number } };

export interface RecordedRequest {
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: any;
}

export interface OpenAiStandIn {
  /** e.g. http://127.0.0.1:40123/v1: what LLM_BASE_URL and EMBEDDINGS_BASE_URL take. */
  baseUrl: string;
  requests: RecordedRequest[];
  chatRequests(schemaName?: string): RecordedRequest[];
  embeddingRequests(): RecordedRequest[];
  /** Queues replies for chat calls whose response_format names `schemaName`; "*" serves any call. */
  scriptChat(schemaName: string, ...replies: ChatReply[]): void;
  /** Queues failures for the next embeddings calls; with none queued, they answer vectors. */
  failEmbeddings(...failures: Failure[]): void;
  /** Replies scripted but never asked for: a test that expects every call made checks this is empty. */
  unusedReplies(): string[];
  close(): Promise<void>;
}

export interface StandInOptions {
  /** Vector length when the request names none (default 128). */
  dimensions?: number;
  /** Words counted as another word, so that texts without a word in common can still be near: {employer: "work"}. */
  aliases?: Record<string, string>;
  /** Answer `dimensions` long vectors whatever the request asks, as servers without shortening do. */
  ignoreDimensions?: boolean;
  /** Texts answered with zeros: a vector without direction, which has no cosine with anything. */
  directionless?: string[];
}

export async function startOpenAiStandIn(options: StandInOptions = {}): Promise<OpenAiStandIn> {
  const requests: RecordedRequest[] = [];
  const chatQueues = new Map<string, ChatReply[]>();
  const embeddingFailures: Failure[] = [];
  const server = http.createServer((req, res) => {
    void readBody(req).then((text) => {
      const url = new URL(req.url ?? "/", "http://stand-in");
      let body: any = null;
      try {
        body = JSON.parse(text);
      } catch {
        return send(res, 400, { error: { message: "the request body is not JSON" } });
      }
      requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body });
      if (req.method === "POST" && url.pathname === "/v1/chat/completions") return answerChat(res, body, chatQueues);
      if (req.method === "POST" && url.pathname === "/v1/embeddings") {
        const failure = embeddingFailures.shift();
        if (failure) return answerFailure(res, failure);
        return answerEmbeddings(res, body, options);
      }
      send(res, 404, { error: { message: `no route ${req.method} ${url.pathname}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: (schemaName) =>
      requests.filter((r) => r.path === "/v1/chat/completions" && (schemaName === undefined || r.body?.response_format?.json_schema?.name === schemaName)),
    embeddingRequests: () => requests.filter((r) => r.path === "/v1/embeddings"),
    scriptChat: (schemaName, ...replies) => chatQueues.set(schemaName, [...(chatQueues.get(schemaName) ?? []), ...replies]),
    failEmbeddings: (...failures) => embeddingFailures.push(...failures),
    unusedReplies: () => [...chatQueues].flatMap(([name, queue]) => queue.map(() => name)),
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests keep their sockets open; close them, or close() would wait for them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answerChat(res: http.ServerResponse, body: any, queues: Map<string, ChatReply[]>): void {
  const schema = body?.response_format?.json_schema;
  const name: string = schema?.name ?? "";
  const reply = queues.get(name)?.shift() ?? queues.get("*")?.shift();
  if (reply === undefined) return send(res, 400, { error: { message: `the stand-in has no scripted reply for "${name}"` } });
  if ("status" in reply || "hang" in reply || "rawBody" in reply) return answerFailure(res, reply);
  let content: string;
  if ("json" in reply) {
    const missing = (schema?.schema?.required ?? []).filter((key: string) => !(key in (reply.json as object)));
    if (missing.length > 0) return send(res, 400, { error: { message: `scripted reply for "${name}" lacks ${missing.join(", ")}` } });
    content = JSON.stringify(reply.json);
  } else {
    content = reply.content;
  }
  const usage = reply.usage ?? { prompt: Math.ceil(JSON.stringify(body.messages ?? []).length / 4), completion: Math.ceil(content.length / 4) };
  send(res, 200, {
    id: `chatcmpl-${Date.now()}`,
    object: "chat.completion",
    model: body.model,
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: ("finishReason" in reply && reply.finishReason) || "stop" }],
    usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
  });
}

function answerEmbeddings(res: http.ServerResponse, body: any, options: StandInOptions): void {
  const inputs: string[] = typeof body?.input === "string" ? [body.input] : body?.input;
  if (!Array.isArray(inputs) || inputs.some((input) => typeof input !== "string" || input.length === 0)) {
    return send(res, 400, { error: { message: "input must be a non-empty string or a list of them" } });
  }
  const dimensions: number = (options.ignoreDimensions ? undefined : body.dimensions) ?? options.dimensions ?? 128;
  const vectorOf = (input: string): number[] =>
    options.directionless?.includes(input) ? new Array<number>(dimensions).fill(0) : bagOfWordsVector(input, dimensions, options.aliases ?? {});
  const data = inputs.map((input, index) => ({ object: "embedding", index, embedding: vectorOf(input) }));
  const tokens = inputs.reduce((sum, input) => sum + words(input).length, 0);
  // Reversed: the client must put vectors in input order by `index`, not trust the order of the list.
  send(res, 200, { object: "list", data: data.reverse(), model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
}

function answerFailure(res: http.ServerResponse, failure: Failure): void {
  if ("hang" in failure) return; // Never answered: the client's timeout ends it, or close() does.
  if ("rawBody" in failure) {
    res.writeHead(200, { "content-type": "application/json" }).end(failure.rawBody);
    return;
  }
  send(res, failure.status, failure.body ?? { error: { message: `scripted ${failure.status}` } }, failure.headers);
}

const STOPWORDS = new Set(["a", "an", "the", "at", "in", "on", "of", "to", "for", "and", "or", "is", "are", "was", "as", "by", "with", "does", "do"]);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !STOPWORDS.has(word));
}

/** Counts of (aliased, crudely singular) words hashed into `dimensions` slots, scaled to length 1. */
export function bagOfWordsVector(text: string, dimensions: number, aliases: Record<string, string>): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of words(text)) {
    const singular = word.length > 3 && word.endsWith("s") ? word.slice(0, -1) : word;
    const term = aliases[word] ?? aliases[singular] ?? singular;
    const slot = fnv1a(term) % dimensions;
    vector[slot] = (vector[slot] ?? 0) + 1;
  }
  const length = Math.hypot(...vector);
  if (length === 0) vector[0] = 1;
  return length === 0 ? vector : vector.map((x) => x / length);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(""));
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}
