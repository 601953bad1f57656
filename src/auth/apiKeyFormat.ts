import { createHash, randomInt, timingSafeEqual } from "node:crypto";

// An API key reads `ugk_<keyId>_<secret>`. The prefix lets secret scanners recognise a leaked key; the keyId
// (public: listed, revoked by) finds the stored key by index; the secret carries 256 random bits, so one
// SHA-256 of the whole key is a safe thing to store (no slow hash needed for a secret nobody can guess).

export const API_KEY_PREFIX = "ugk_";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY_ID_LENGTH = 12;
/** 43 base-62 characters hold 256 bits. */
const SECRET_LENGTH = 43;
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}([0-9A-Za-z]{${KEY_ID_LENGTH}})_[0-9A-Za-z]{${SECRET_LENGTH}}$`);

export interface NewApiKey {
  keyId: string;
  /** The whole key, shown once to whoever created it and never stored. */
  key: string;
  hash: string;
}

export function newApiKey(): NewApiKey {
  const keyId = randomBase62(KEY_ID_LENGTH);
  const key = `${API_KEY_PREFIX}${keyId}_${randomBase62(SECRET_LENGTH)}`;
  return { keyId, key, hash: hashApiKey(key) };
}

/** The keyId of a well-formed key; null for anything else, which then needs no lookup at all. */
export function keyIdOf(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Compares two hex hashes in constant time, so the answer's timing tells nothing of how much matched. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}

// randomInt draws each character uniformly (no modulo bias) from the operating system's CSPRNG.
function randomBase62(length: number): string {
  return Array.from({ length }, () => BASE62[randomInt(BASE62.length)]).join("");
}
