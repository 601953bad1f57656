import type { Logger } from "pino";
import type { ApiKeyStore, LiveApiKey } from "../db/apiKeys";
import { hashApiKey, keyIdOf, sameHash } from "./apiKeyFormat";

export interface ApiKeyVerifierOptions {
  /**
   * How long a lookup is reused. A revoked key keeps working on an instance for at most this long, so it
   * stays well under the 5 s within which revocation must hold everywhere.
   */
  cacheTtlMs?: number;
  /** How often, at most, a key's "last used" is written. */
  touchEverySeconds?: number;
  now?: () => number;
}

/** Lookups kept at most; a flood of made-up keyIds evicts the oldest, never grows the process. */
const MAX_CACHED = 10_000;

/**
 * Checks presented API keys against the stored hashes. A lookup (hit or miss) is cached briefly per keyId,
 * so a busy key costs one read every couple of seconds rather than one per request; concurrent requests
 * with the same key share one read.
 */
export class ApiKeyVerifier {
  private readonly cache = new Map<string, { key: Promise<LiveApiKey | null>; expiresAt: number }>();
  private readonly lastTouched = new Map<string, number>();
  private readonly cacheTtlMs: number;
  private readonly touchEverySeconds: number;
  private readonly now: () => number;

  constructor(
    private readonly store: ApiKeyStore,
    private readonly logger: Logger,
    options: ApiKeyVerifierOptions = {},
  ) {
    this.cacheTtlMs = options.cacheTtlMs ?? 2_000;
    this.touchEverySeconds = options.touchEverySeconds ?? 60;
    this.now = options.now ?? Date.now;
  }

  /** The live key the text is, or null: malformed, unknown, revoked, or a wrong secret. */
  async verify(presented: string): Promise<{ keyId: string; projectId: string } | null> {
    const keyId = keyIdOf(presented);
    if (keyId === null) return null;
    const stored = await this.lookup(keyId);
    if (stored === null || !sameHash(stored.hash, hashApiKey(presented))) return null;
    this.touch(keyId);
    return { keyId, projectId: stored.projectId };
  }

  private lookup(keyId: string): Promise<LiveApiKey | null> {
    const now = this.now();
    const cached = this.cache.get(keyId);
    if (cached && cached.expiresAt > now) return cached.key;
    this.cache.delete(keyId);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    const key = this.store.get(keyId);
    this.cache.set(keyId, { key, expiresAt: now + this.cacheTtlMs });
    // A failed read (Neo4j unreachable) is not an answer to keep: the next request asks again.
    void key.catch(() => {
      if (this.cache.get(keyId)?.key === key) this.cache.delete(keyId);
    });
    return key;
  }

  // Not awaited: the request does not wait for bookkeeping, and a failed write only delays "last used".
  private touch(keyId: string): void {
    const now = this.now();
    if (now - (this.lastTouched.get(keyId) ?? -Infinity) < this.touchEverySeconds * 1000) return;
    if (this.lastTouched.size >= MAX_CACHED) this.lastTouched.clear();
    this.lastTouched.set(keyId, now);
    void this.store.touch(keyId, this.touchEverySeconds).catch((error: unknown) => {
      this.logger.warn({ err: error, keyId }, "could not record an API key's last use");
    });
  }
}
