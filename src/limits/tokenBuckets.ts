/** A request taken, or refused with the whole seconds until the bucket holds a token again. */
export type Take = { taken: true } | { taken: false; retryAfterSeconds: number };

/** Buckets kept at most; past it, the full ones go first (they are as good as new), then the oldest. */
const MAX_BUCKETS = 100_000;

/**
 * Token buckets, one per key (an API key, an end user, a client address): each holds up to `perMinute`
 * tokens and refills at `perMinute` a minute, so a client may burst a minute's worth and then keeps to the
 * rate. Per process: with several instances behind a balancer the limit holds per instance.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  take(key: string): Take {
    const now = this.now();
    const tokens = this.tokensOf(key, now);
    if (tokens >= 1) {
      this.remember(key, { tokens: tokens - 1, at: now });
      return { taken: true };
    }
    this.remember(key, { tokens, at: now });
    return { taken: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
  }

  private tokensOf(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return this.perMinute;
    return Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
  }

  private remember(key: string, bucket: { tokens: number; at: number }): void {
    this.buckets.delete(key);
    if (this.buckets.size >= MAX_BUCKETS) this.evict(bucket.at);
    this.buckets.set(key, bucket);
  }

  private evict(now: number): void {
    for (const key of this.buckets.keys()) {
      if (this.tokensOf(key, now) >= this.perMinute) this.buckets.delete(key);
    }
    // Map keeps insertion order and remember() reinserts on every take: the first key is the least recent.
    while (this.buckets.size >= MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}
