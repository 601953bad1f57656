import { TokenBuckets } from "../../src/limits/tokenBuckets";

// The rate limit's buckets, on a clock the test turns by hand.

function bucketsAt(perMinute: number) {
  const clock = { now: 1_000_000 };
  return { clock, buckets: new TokenBuckets(perMinute, () => clock.now) };
}

describe("TokenBuckets", () => {
  it("lets a key burst a minute's worth, then refuses, naming the seconds until the next token", () => {
    const { buckets } = bucketsAt(6);
    for (let i = 0; i < 6; i += 1) expect(buckets.take("k")).toEqual({ taken: true });
    expect(buckets.take("k")).toEqual({ taken: false, retryAfterSeconds: 10 });
  });

  it("refills at the rate: one token per 60 / perMinute seconds, never beyond the burst", () => {
    const { buckets, clock } = bucketsAt(6);
    for (let i = 0; i < 6; i += 1) buckets.take("k");
    clock.now += 4_000;
    expect(buckets.take("k")).toEqual({ taken: false, retryAfterSeconds: 6 });
    clock.now += 6_000;
    expect(buckets.take("k")).toEqual({ taken: true });
    expect(buckets.take("k")).toEqual({ taken: false, retryAfterSeconds: 10 });
    clock.now += 3_600_000;
    for (let i = 0; i < 6; i += 1) expect(buckets.take("k")).toEqual({ taken: true });
    expect(buckets.take("k").taken).toBe(false);
  });

  it("keeps one bucket per key", () => {
    const { buckets } = bucketsAt(1);
    expect(buckets.take("a").taken).toBe(true);
    expect(buckets.take("a").taken).toBe(false);
    expect(buckets.take("b").taken).toBe(true);
  });
});
