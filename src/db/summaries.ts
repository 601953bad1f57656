import type { SummaryInput, Summarizer } from "../domain/graph/summarizer";
import type { UserFields } from "../domain/userNode";
import type { StatementRunner } from "./database";
import { type Row, mapOptional } from "./row";

/** What a node's summary is made from, with the node it belongs to. */
export type NodeSummaryInput = SummaryInput & { uuid: string };

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
  const inputs = await readSummaryInputs(tx, projectId, nodeUuids);
  if (inputs.length === 0) return;
  const summaries = await summarizer.summarize(inputs);
  await tx.run("entity.set-summaries", {
    projectId,
    summaries: inputs.map((input, index) => ({ uuid: input.uuid, summary: summaries[index] })),
  });
}

/** The summary inputs of the nodes found, as they stand in the caller's transaction. */
export async function readSummaryInputs(runner: StatementRunner, projectId: string, nodeUuids: readonly string[]): Promise<NodeSummaryInput[]> {
  const uuids = [...new Set(nodeUuids)];
  if (uuids.length === 0) return [];
  const rows = await runner.run("entity.summary-inputs", { projectId, uuids });
  return rows.map((row) => ({
    uuid: row.string("uuid"),
    name: row.string("name"),
    user: mapOptional(row.optionalRow("user"), toUserFields),
    description: row.optionalString("description"),
    facts: row.strings("facts").map((fact) => ({ fact })),
  }));
}

function toUserFields(row: Row): UserFields {
  return {
    userId: row.string("userId"),
    email: row.optionalString("email"),
    firstName: row.optionalString("firstName"),
    lastName: row.optionalString("lastName"),
  };
}
