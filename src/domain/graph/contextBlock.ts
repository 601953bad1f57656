import type { ContextEntity } from "../../model";

/**
 * Zep's context block, in Zep's layout: the user summary, the facts with their date ranges, and the
 * entities those facts involve. Built from data already chosen; no I/O.
 */
export interface ContextFact {
  fact: string;
  validAt: Date | null;
  invalidAt: Date | null;
  source: ContextEntity;
  target: ContextEntity;
}

export function renderContextBlock(userSummary: string, facts: readonly ContextFact[]): string {
  const entities = new Map<string, ContextEntity>();
  for (const fact of facts) {
    for (const entity of [fact.source, fact.target]) if (!entities.has(entity.uuid)) entities.set(entity.uuid, entity);
  }
  return [
    "# This is the user summary",
    "<USER_SUMMARY>",
    userSummary,
    "</USER_SUMMARY>",
    "",
    "# These are the most relevant facts and their valid date ranges",
    "# format: FACT (Date range: from - to)",
    "<FACTS>",
    ...facts.map(
      (fact) =>
        `  - ${fact.fact} (Date range: ${fact.validAt?.toISOString() ?? "date unknown"} - ${fact.invalidAt?.toISOString() ?? "present"})`,
    ),
    "</FACTS>",
    "",
    "# These are the most relevant entities",
    "# ENTITY_NAME (LABELS): entity summary",
    "<ENTITIES>",
    ...[...entities.values()].map((entity) => `  - ${entity.name} (${entity.labels.join(", ")}): ${entity.summary}`),
    "</ENTITIES>",
  ].join("\n");
}
