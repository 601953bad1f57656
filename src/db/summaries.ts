import type { Summarizer } from "../domain/graph/summarizer";
import type { UserFields } from "../domain/userNode";
import type { StatementRunner } from "./database";

/**
 * Recomputes the summaries of some nodes from their currently valid facts, inside the caller's
 * transaction, so that no summary outlives a change to its facts.
 */
export async function refreshSummaries(
  tx: StatementRunner,
  projectId: string,
  summarizer: Summarizer,
  nodeUuids: readonly string[],
): Promise<void> {
  const uuids = [...new Set(nodeUuids)];
  if (uuids.length === 0) return;
  const rows = await tx.run("entity.summary-inputs", { projectId, uuids });
  if (rows.length === 0) return;
  const summaries = await summarizer.summarize(
    rows.map((row) => ({
      name: row.name as string,
      user: (row.user as UserFields | null) ?? null,
      description: (row.description as string | null) ?? null,
      facts: (row.facts as string[]).map((fact) => ({ fact })),
    })),
  );
  await tx.run("entity.set-summaries", {
    projectId,
    summaries: rows.map((row, index) => ({ uuid: row.uuid, summary: summaries[index] })),
  });
}
