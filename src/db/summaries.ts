import type { Summarizer } from "../domain/graph/summarizer";
import type { UserFields } from "../domain/userNode";
import type { StatementRunner } from "./database";
import { type Row, mapOptional } from "./row";

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
      name: row.string("name"),
      user: mapOptional(row.optionalRow("user"), toUserFields),
      description: row.optionalString("description"),
      facts: row.strings("facts").map((fact) => ({ fact })),
    })),
  );
  await tx.run("entity.set-summaries", {
    projectId,
    summaries: rows.map((row, index) => ({ uuid: row.string("uuid"), summary: summaries[index] })),
  });
}

function toUserFields(row: Row): UserFields {
  return {
    userId: row.string("userId"),
    email: row.optionalString("email"),
    firstName: row.optionalString("firstName"),
    lastName: row.optionalString("lastName"),
  };
}
