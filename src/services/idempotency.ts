import { randomInt, randomUUID } from "node:crypto";
import type { Context } from "../context";
import { idempotencyKeyInUse, idempotencyKeyReused } from "../errors";
import { parseIdempotencyKey } from "../domain/idempotencyKey";

// Retry-safe writes, once for both doors (draft-ietf-httpapi-idempotency-key-header). A request with an
// Idempotency-Key first claims the key in a short transaction of its own. Each of its writes then records
// its outcome under the key inside the write's own transaction, so a write commits if and only if its
// record does. When the request has answered, the answer is kept under the key for retries.
//
// A retry finds one of: the answer (replayed, nothing runs); recorded writes without an answer (the request
// failed after writing, say Neo4j went away while committing: the retry runs the request again, each
// recorded write returning its recorded outcome instead of writing, the rest running); the key held by a
// live request (409); or the key sent with another request (422). A request that wrote nothing leaves no key.

/** How long a key is kept: the draft's example, and Stripe's. An expired key is a new key. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * How long a key's holder may go unheard of (neither its claim nor a recorded write) before a retry may take
 * the key over: its holder died, or lost Neo4j before it could finish. Longer than a transaction runs (30 s)
 * with the driver's retries; and should a holder outlive it, its next write is rolled back, not doubled.
 */
export const STALE_CLAIM_MS = 60_000;

// One claim in SWEEP_ONE_IN also deletes a batch of expired keys, so that they go while the service runs,
// a batch at a time, at a pace that outruns the keys being made (start-up deletes the rest).
const SWEEP_ONE_IN = 100;
const SWEEP_BATCH_SIZE = 1000;

export type IdempotentRequest =
  /** The key's request answered already: the door replays `response`, the JSON text it kept. */
  | { kind: "replay"; response: string }
  | {
      kind: "run";
      /** The writes from now on belong to `step`: a GraphQL mutation field (REST has one step). */
      enter(step: string): void;
      /** After the request: the answer to keep (JSON text), or null when it failed and a retry should run it. */
      finish(response: string | null): Promise<void>;
    };

/** Claims the key of a request whose fingerprint is `fingerprint`; 422 for a key sent with another request, 409 while it runs. */
export async function beginIdempotent(ctx: Context, header: string, fingerprint: string): Promise<IdempotentRequest> {
  const key = parseIdempotencyKey(header);
  if (randomInt(SWEEP_ONE_IN) === 0) await sweepExpiredKeys(ctx);
  const token = randomUUID();
  // Keys belong to the project, but an answer belongs to its caller: an end user who sends another's key
  // with the same request must not be handed the other's answer.
  const callerFingerprint = `${ctx.caller.kind === "user" ? `user:${ctx.caller.userId}` : "project"} ${fingerprint}`;
  const claim = await ctx.idempotencyKeys.claim({ key, fingerprint: callerFingerprint, token, ttlMs: IDEMPOTENCY_KEY_TTL_MS, staleAfterMs: STALE_CLAIM_MS });
  switch (claim.outcome) {
    case "reused":
      throw idempotencyKeyReused(key);
    case "in-use":
      throw idempotencyKeyInUse(key);
    case "done":
      return { kind: "replay", response: claim.response };
    case "fresh":
    case "resumed":
      return {
        kind: "run",
        enter: (step) => claim.journal.enter(step),
        finish: (response) => finish(ctx, key, token, response),
      };
  }
}

// Failing to finish costs a retry at most STALE_CLAIM_MS of 409s, never a second write; the answer the
// request is about to give stands.
async function finish(ctx: Context, key: string, token: string, response: string | null): Promise<void> {
  try {
    await ctx.idempotencyKeys.finish(key, token, response);
  } catch (error) {
    ctx.logger.warn({ err: error, idempotencyKey: key }, "could not finish an idempotent request; a retry may take its key over later");
  }
}

async function sweepExpiredKeys(ctx: Context): Promise<void> {
  try {
    const deleted = await ctx.idempotencyKeys.deleteExpired(SWEEP_BATCH_SIZE);
    if (deleted > 0) ctx.logger.debug({ deleted }, "deleted expired idempotency keys");
  } catch (error) {
    // Expired keys harm no one while they wait (a claim treats one as new); the next sweep will do.
    ctx.logger.debug({ err: error }, "could not delete expired idempotency keys");
  }
}
