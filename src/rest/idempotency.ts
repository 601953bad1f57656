import type { Request, Response } from "express";
import type { Context } from "../context";
import { fingerprintOf } from "../domain/idempotencyKey";
import { beginIdempotent } from "../services/idempotency";

// The Idempotency-Key header on Zep's REST routes: a write sent again with the key it was first sent with
// is answered with the first answer, status and body, and writes nothing more (services/idempotency).

/** The methods that write; a GET with a key is served as ever. */
const WRITE_METHODS: ReadonlySet<string> = new Set(["POST", "PATCH", "DELETE"]);

/** Marks an answer replayed from an earlier attempt, as Stripe's API does. */
export const REPLAYED_HEADER = "Idempotent-Replayed";

/** What a key keeps of a REST answer. */
interface KeptAnswer {
  status: number;
  body: unknown;
}

/**
 * Answers with `run`'s body, once per Idempotency-Key: a request is the same request when its method, URL
 * and JSON body are. Errors are never kept: a request that failed before writing left no key, and one that
 * failed after writing is run again by its retry, its writes replayed.
 */
export async function respondOnce(req: Request, res: Response, ctx: Context, run: () => Promise<unknown>): Promise<void> {
  const header = req.get("Idempotency-Key");
  if (header === undefined || !WRITE_METHODS.has(req.method)) {
    res.json(await run());
    return;
  }
  const request = await beginIdempotent(ctx, header, fingerprintOf("rest", req.method, req.originalUrl, (req.body as unknown) ?? null));
  if (request.kind === "replay") {
    const kept = JSON.parse(request.response) as KeptAnswer;
    res.status(kept.status).set(REPLAYED_HEADER, "true").json(kept.body);
    return;
  }
  let body: unknown;
  try {
    body = await run();
  } catch (error) {
    await request.finish(null);
    throw error;
  }
  // Kept before it is sent: an answer lost on its way to the client is there for the retry.
  await request.finish(JSON.stringify({ status: res.statusCode, body } satisfies KeptAnswer));
  res.json(body);
}
