import type { Database, StatementRunner } from "./database";
import { firstRow } from "./row";
import { RequestWriteJournal } from "./writeJournal";

/** A request's claim on its key, as the service sends it. */
export interface KeyClaimRequest {
  key: string;
  /** What makes a request this request (see domain/idempotencyKey): a key sent with another is reused. */
  fingerprint: string;
  /** This request's own: only its holder records writes under the key and finishes it. */
  token: string;
  ttlMs: number;
  staleAfterMs: number;
}

/** What a claim found (see cypher/idempotency-key.claim.cypher). */
export type KeyClaim =
  /** The request holds the key; its writes now go through `journal`, replaying what an earlier attempt committed. */
  | { outcome: "fresh" | "resumed"; journal: RequestWriteJournal }
  | { outcome: "done"; response: string }
  | { outcome: "reused" | "in-use" };

/**
 * Idempotency-Keys of one project: a key records, in the transaction of each write of the request it names,
 * that write's outcome, and once the request has answered, the answer to replay.
 */
export class IdempotencyKeyStore {
  constructor(
    private readonly db: Database,
    private readonly projectId: string,
  ) {}

  async claim(request: KeyClaimRequest): Promise<KeyClaim> {
    const { key, token } = request;
    const row = firstRow(await this.db.outsideJournal().write("idempotency-key.claim", { projectId: this.projectId, ...request }));
    const outcome = row.string("outcome");
    switch (outcome) {
      case "fresh":
      case "resumed": {
        const outcomes = row.strings("outcomes");
        const recorded = new Map(row.strings("writes").map((write, index) => [write, outcomes[index] as string]));
        const journal = new RequestWriteJournal(recorded, (tx, write, written) => this.recordWrite(tx, key, token, write, written));
        this.db.journalWrites(journal);
        return { outcome, journal };
      }
      case "done":
        return { outcome, response: row.string("response") };
      case "reused":
      case "in-use":
        return { outcome };
      default:
        throw new Error(`idempotency-key.claim: unexpected outcome "${outcome}"`);
    }
  }

  /**
   * Ends the request's hold on its key: `response` is the answer to replay to retries, or null when the
   * request failed and a retry should run it again (replaying the writes it recorded). Writes the request
   * makes after this are not journaled.
   */
  async finish(key: string, token: string, response: string | null): Promise<void> {
    this.db.journalWrites(null);
    await this.db.outsideJournal().write("idempotency-key.finish", { projectId: this.projectId, key, token, response });
  }

  /** Deletes up to `batchSize` expired keys (see deleteExpiredIdempotencyKeys). */
  deleteExpired(batchSize: number): Promise<number> {
    return deleteExpiredIdempotencyKeys(this.db.outsideJournal(), batchSize);
  }

  private async recordWrite(tx: StatementRunner, key: string, token: string, write: string, outcome: string): Promise<boolean> {
    const rows = await tx.run("idempotency-key.record-write", { projectId: this.projectId, key, token, write, outcome });
    return rows.length > 0;
  }
}

/** Deletes up to `batchSize` expired keys, of every project (an expired key is nobody's); returns how many went. */
export async function deleteExpiredIdempotencyKeys(db: Database, batchSize: number): Promise<number> {
  return firstRow(await db.write("idempotency-key.delete-expired", { batchSize })).number("deleted");
}

/** At start-up: every expired key, a batch per transaction. Returns how many went. */
export async function deleteAllExpiredIdempotencyKeys(db: Database, batchSize = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteExpiredIdempotencyKeys(db, batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
