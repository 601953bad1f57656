import { randomUUID } from "node:crypto";
// The API's bounds on names and sentences (addFactTriple's), applied to whatever an extractor returns.
import { MAX_FACT_LENGTH, MAX_FACT_NAME_LENGTH, MAX_NODE_NAME_LENGTH, MAX_NODE_SUMMARY_LENGTH } from "../domain/graph/factInput";
import type { Summarizer } from "../domain/graph/summarizer";
import { nameKey, upperSnakeCase, words } from "../domain/graph/text";
import type { Extraction } from "../domain/extraction";
import type { Database, StatementRunner } from "./database";
import { type Claim, claimParams } from "./ingestClaim";
import { type NodeSummaryInput, readSummaryInputs, refreshSummaries } from "./summaries";
import { lockOwningUser } from "./worldLock";


export interface Applied {
  createdFacts: number;
  /** The uuids of the facts this episode added (a language model's embeddings are made for them). */
  createdFactUuids: string[];
  citedFacts: number;
  /** The nodes whose valid facts (or description) changed: their summaries were recomputed. */
  touchedNodes: string[];
  queuedAt: Date;
  processedAt: Date;
}

/** "lost": the claim is no longer this worker's; "gone": the user was deleted. Either way nothing was written. */
export type ApplyOutcome = Applied | "lost" | "gone";

/**
 * Reads what an extractor needs for a claimed episode and writes back what it found: one transaction under
 * the user's lock that resolves the nodes, adds the facts, ends contradicted facts, marks the episode DONE
 * and recomputes the touched summaries, all or nothing. Works in whichever project the claim belongs to.
 */
export class IngestStore {
  constructor(private readonly db: Database) {}

  /**
   * Applies an extraction. `summaries` makes the summaries of the nodes it touches; it runs inside the
   * transaction, so it must be quick and free of side effects (see Summarizer).
   */
  apply(claim: Claim, extraction: Extraction, summaries: Summarizer): Promise<ApplyOutcome> {
    const entities = extraction.entities.flatMap((entity) => {
      const name = bounded(entity.name, MAX_NODE_NAME_LENGTH);
      if (words(name).length === 0) return [];
      return [
        {
          ref: entity.ref,
          uuid: randomUUID(),
          resolvedUuid: entity.resolvedUuid,
          name,
          nameKey: nameKey(name),
          nameWords: words(name),
          labels: [...new Set(entity.labels.filter((label) => label !== "Entity" && label.trim().length > 0))],
          description: entity.summary === null ? null : bounded(entity.summary, MAX_NODE_SUMMARY_LENGTH) || null,
        },
      ];
    });
    return this.db.writeTransaction<ApplyOutcome>(async (tx, rollback) => {
      if ((await lockOwningUser(tx, "user.owner-by-uuid", { projectId: claim.projectId, groupId: claim.groupId })) !== "live") {
        return rollback("gone");
      }
      const resolved = await tx.run("ingest.resolve-entities", { ...claimParams(claim), entities });
      const uuidOf = new Map(resolved.map((row) => [row.string("ref"), row.string("uuid")]));
      const facts = extraction.facts.flatMap((fact) => {
        const sourceUuid = uuidOf.get(fact.sourceRef);
        const targetUuid = uuidOf.get(fact.targetRef);
        const name = upperSnakeCase(fact.name).slice(0, MAX_FACT_NAME_LENGTH);
        const sentence = bounded(fact.fact, MAX_FACT_LENGTH);
        if (!sourceUuid || !targetUuid || name.length === 0 || sentence.length === 0) return [];
        return [
          {
            uuid: randomUUID(),
            name,
            fact: sentence,
            sourceUuid,
            targetUuid,
            validAt: fact.validAt?.toISOString() ?? null,
            invalidAt: fact.invalidAt?.toISOString() ?? null,
            duplicateOf: fact.duplicateOf,
            contradicts: fact.contradicts,
          },
        ];
      });
      const applied = facts.length === 0 ? [] : await tx.run("ingest.apply-facts", { ...claimParams(claim), facts });
      const finished = await finish(tx, claim, "DONE", null);
      if (finished === null) return rollback("lost");
      const changed = resolved.filter((row) => row.flag("changed")).map((row) => row.string("uuid"));
      const touchedNodes = [...new Set([...changed, ...applied.flatMap((row) => row.strings("nodes"))])];
      await refreshSummaries(tx, claim.projectId, summaries, touchedNodes);
      const createdFactUuids = applied.filter((row) => row.flag("created")).map((row) => row.string("uuid"));
      const createdFacts = createdFactUuids.length;
      return { createdFacts, createdFactUuids, citedFacts: applied.length - createdFacts, touchedNodes, ...finished };
    });
  }

  /** Marks the episode FAILED with its reason, out of the queue; false when the claim was lost or the user is gone. */
  fail(claim: Claim, reason: string): Promise<{ queuedAt: Date; processedAt: Date } | null> {
    return this.db.writeTransaction(async (tx) => {
      if ((await lockOwningUser(tx, "user.owner-by-uuid", { projectId: claim.projectId, groupId: claim.groupId })) !== "live") return null;
      return finish(tx, claim, "FAILED", reason.slice(0, 1000));
    });
  }

  /** What the summaries of some nodes are made from now, for a summary writer that works outside any transaction. */
  summaryInputs(projectId: string, nodeUuids: readonly string[]): Promise<NodeSummaryInput[]> {
    return readSummaryInputs({ run: (name, params) => this.db.read(name, params) }, projectId, nodeUuids);
  }
}

async function finish(
  tx: StatementRunner,
  claim: Claim,
  state: "DONE" | "FAILED",
  reason: string | null,
): Promise<{ queuedAt: Date; processedAt: Date } | null> {
  const rows = await tx.run("ingest.finish", { ...claimParams(claim), state, reason });
  const row = rows[0];
  return row ? { queuedAt: row.date("queuedAt"), processedAt: row.date("processedAt") } : null;
}

function bounded(text: string, max: number): string {
  const trimmed = text.replace(/\s+/g, " ").trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1).trimEnd()}…`;
}
