import { createHash } from "node:crypto";
import { badUserInput } from "../errors";

// The Idempotency-Key header and what makes two requests the same request, after
// draft-ietf-httpapi-idempotency-key-header: the key is the client's, unique per request it means once; the
// server compares a fingerprint of the request to tell a retry from a new request under an old key.

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/**
 * The key a header names. The draft sends it as a Structured Field string (`"8e03…"`); SDKs and curl users
 * often send it bare: both name the same key.
 */
export function parseIdempotencyKey(header: string): string {
  const trimmed = header.trim();
  const key = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !PRINTABLE_ASCII.test(key)) {
    throw badUserInput(
      `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters (a UUID will do); got ${key.length} characters`,
      "Idempotency-Key",
    );
  }
  return key;
}

/**
 * A request's fingerprint: SHA-256 of its parts as canonical JSON (object keys sorted at every depth), so
 * the same request hashes the same however its client laid out its JSON.
 */
export function fingerprintOf(...parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(canonical(parts))).digest("hex");
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}
