import type { ExtractionInput } from "../domain/extraction";
import type { Database } from "./database";
import { type Claim, claimParams } from "./ingestClaim";
import { readExtractionInput } from "./ingestInputs";
import { firstRow } from "./row";
import { lockOwningUser } from "./worldLock";

/**
 * The ingestion queue kept in Neo4j, across all projects (or the given ones). Queued episodes carry the
 * Pending label and a number in their user's queue; a user with queued episodes has a gate, ingestReadyAt,
 * the instant from which their next episode may be claimed. A claim moves the gate to the end of its lease,
 * so a user's episodes are processed one at a time and in order, while different users' proceed side by
 * side. Each write takes the user's lock first, as every write to a user's world does.
 */
export class IngestQueue {
  constructor(
    private readonly db: Database,
    /** null: every project. */
    private readonly projectIds: readonly string[] | null,
  ) {}

  /** Users whose next episode may be claimed now, longest-waiting first (element ids, for claim). */
  async readyUsers(limit: number): Promise<string[]> {
    const rows =
      this.projectIds === null
        ? await this.db.read("ingest.ready-users", { limit })
        : await this.db.read("ingest.ready-users-in-projects", { projectIds: this.projectIds, limit });
    return rows.map((row) => row.string("ownerId"));
  }

  /**
   * Claims the user's next episode and reads, in the same transaction, what the extractor needs for it;
   * null when another worker was first or nothing is left.
   */
  claim(ownerId: string, owner: string, token: string, leaseMs: number): Promise<{ claim: Claim; input: ExtractionInput | null } | null> {
    return this.db.writeTransaction(async (tx) => {
      const locked = await tx.run("user.lock", { ownerId });
      if (!locked[0]?.flag("userLive")) return null;
      const rows = await tx.run("ingest.claim", { ownerId, owner, token, leaseMs });
      const episode = rows[0]?.row("episode");
      if (!episode) return null;
      const claim: Claim = {
        episodeUuid: episode.string("uuid"),
        projectId: episode.string("projectId"),
        groupId: episode.string("groupId"),
        token,
        attempts: episode.number("ingestAttempts"),
        queuedAt: episode.date("queuedAt"),
      };
      return { claim, input: await readExtractionInput(tx, claim) };
    });
  }

  /** Extends the lease; false when the claim was lost (another worker holds the episode, or it is gone). */
  renew(claim: Claim, leaseMs: number): Promise<boolean> {
    return this.db.writeTransaction(async (tx) => {
      if ((await lockOwningUser(tx, "user.owner-by-uuid", { projectId: claim.projectId, groupId: claim.groupId })) !== "live") return false;
      const rows = await tx.run("ingest.renew-lease", { ...claimParams(claim), leaseMs });
      return rows.length > 0;
    });
  }

  /**
   * Puts the episode back at the head of its user's queue, claimable from `readyAt`: a failed attempt to be
   * tried again (`reason` kept), or work given back at shutdown (`uncount`: the attempt is not counted).
   */
  unclaim(claim: Claim, options: { readyAt: Date; reason: string | null; uncount: boolean }): Promise<boolean> {
    return this.db.writeTransaction(async (tx) => {
      if ((await lockOwningUser(tx, "user.owner-by-uuid", { projectId: claim.projectId, groupId: claim.groupId })) !== "live") return false;
      const rows = await tx.run("ingest.unclaim", {
        ...claimParams(claim),
        readyAt: options.readyAt.toISOString(),
        reason: options.reason,
        uncount: options.uncount ? 1 : 0,
      });
      return rows.length > 0;
    });
  }

  /** After a claim whose episode went away (a thread deletion): the user's next episode may be claimed at once. */
  reopen(claim: Claim): Promise<boolean> {
    return this.db.writeTransaction(async (tx) => {
      if ((await lockOwningUser(tx, "user.owner-by-uuid", { projectId: claim.projectId, groupId: claim.groupId })) !== "live") return false;
      const rows = await tx.run("ingest.reopen", { projectId: claim.projectId, groupId: claim.groupId, token: claim.token });
      return rows.length > 0;
    });
  }

  /** Episodes queued or in progress, across all projects: from Neo4j's count store, whatever their number. */
  async depth(): Promise<number> {
    return firstRow(await this.db.read("ingest.queue-depth")).number("depth");
  }
}
