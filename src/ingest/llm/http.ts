import type { ModelEndpoint } from "../../modelConfig";
import { ModelCallError } from "./modelErrors";
import { retryAfterMs } from "./retry";

/** How much of an error answer's text an error message quotes: enough to read the endpoint's reason. */
const QUOTED_BODY_CHARS = 300;

/**
 * One POST of a JSON body to an OpenAI-compatible endpoint, abandoned after `timeoutMs` or when `signal`
 * aborts. Every failure becomes a ModelCallError that says whether trying again could help: network errors,
 * timeouts, 408, 429, 5xx and an unreadable answer could; other 4xx (a bad key, an unknown model, a request
 * the endpoint refuses) would fail the same way again. The caller's own abort is passed on as it is.
 */
export async function postJson(endpoint: ModelEndpoint, path: string, body: unknown, timeoutMs: number, signal: AbortSignal): Promise<unknown> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const both = AbortSignal.any([signal, timeout]);
  const failed = (error: unknown, doing: string): never => {
    if (signal.aborted) throw signal.reason ?? error;
    if (timeout.aborted) throw new ModelCallError(`${path} did not answer within ${timeoutMs} ms`, { retryable: true, cause: error });
    throw new ModelCallError(`${path}: ${doing} failed: ${describe(error)}`, { retryable: true, cause: error });
  };

  let response: Response;
  try {
    response = await fetch(requestUrl(endpoint, path), { method: "POST", headers: requestHeaders(endpoint), body: JSON.stringify(body), signal: both });
  } catch (error) {
    return failed(error, "the request");
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    return failed(error, "reading the answer");
  }

  if (!response.ok) {
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    const message = `${path} answered ${response.status}: ${errorText(text)}`;
    throw new ModelCallError(message, { retryable, status: response.status, retryAfterMs: retryable ? retryAfterMs(response.headers) : null });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ModelCallError(`${path} answered ${response.status} with a body that is not JSON: ${clip(text)}`, { retryable: true, status: response.status, cause: error });
  }
}

/** `${baseUrl}${path}`, with Azure's api-version when configured. */
export function requestUrl(endpoint: ModelEndpoint, path: string): string {
  const url = `${endpoint.baseUrl}${path}`;
  return endpoint.apiVersion === null ? url : `${url}?api-version=${encodeURIComponent(endpoint.apiVersion)}`;
}

/**
 * Azure OpenAI takes its key in an `api-key` header (its api-version, or its host, tells it apart); every
 * other OpenAI-compatible server takes a bearer token. No key, no header: Ollama and vLLM need none.
 */
export function requestHeaders(endpoint: ModelEndpoint): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (endpoint.apiKey === null) return headers;
  if (isAzure(endpoint)) headers["api-key"] = endpoint.apiKey;
  else headers.authorization = `Bearer ${endpoint.apiKey}`;
  return headers;
}

function isAzure(endpoint: ModelEndpoint): boolean {
  if (endpoint.apiVersion !== null) return true;
  const host = new URL(endpoint.baseUrl).hostname;
  return /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/.test(host);
}

/** An OpenAI error body's message (`{error: {message}}`), else the start of the text. */
function errorText(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === "string" && message.length > 0) return clip(message);
  } catch {
    // Not JSON: quote the text itself.
  }
  return clip(text) || "(no body)";
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici hides the socket's reason (ECONNREFUSED, …) in `cause`.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > QUOTED_BODY_CHARS ? `${flat.slice(0, QUOTED_BODY_CHARS)}…` : flat;
}
