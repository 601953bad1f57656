import { badUserInput } from "../../errors";
import { boundedText } from "../bounds";
import { nameKey, upperSnakeCase, words } from "./text";

export const MAX_NODE_NAME_LENGTH = 50;
export const MAX_FACT_LENGTH = 250;
export const MAX_FACT_NAME_LENGTH = 50;
export const MAX_NODE_SUMMARY_LENGTH = 500;

export interface NamedNode {
  name: string;
  nameKey: string;
  nameWords: string;
  description: string | null;
}

export interface NewFactTriple {
  source: NamedNode;
  target: NamedNode;
  name: string;
  fact: string;
  validAt: Date | null;
  invalidAt: Date | null;
  threadId: string | null;
}

function namedNode(name: string, summary: string | null | undefined, prefix: "source" | "target"): NamedNode {
  const trimmed = boundedText(name, `${prefix}NodeName`, MAX_NODE_NAME_LENGTH);
  if (words(trimmed).length === 0) throw badUserInput((n) => `${n(`${prefix}NodeName`)} must contain a letter or digit`, `${prefix}NodeName`);
  const description = summary == null ? null : boundedText(summary, `${prefix}NodeSummary`, MAX_NODE_SUMMARY_LENGTH, { allowBlank: true });
  return { name: trimmed, nameKey: nameKey(trimmed), nameWords: words(trimmed), description: description || null };
}

export function validateFactTriple(input: {
  sourceNodeName: string;
  targetNodeName: string;
  fact: string;
  factName: string;
  validAt?: Date | null;
  invalidAt?: Date | null;
  sourceNodeSummary?: string | null;
  targetNodeSummary?: string | null;
  threadId?: string | null;
}): NewFactTriple {
  const name = upperSnakeCase(boundedText(input.factName, "factName", MAX_FACT_NAME_LENGTH));
  if (name.length === 0) throw badUserInput((n) => `${n("factName")} must contain a letter or digit`, "factName");
  const validAt = input.validAt ?? null;
  const invalidAt = input.invalidAt ?? null;
  if (validAt && invalidAt && invalidAt.getTime() < validAt.getTime()) {
    throw badUserInput(
      (n) => `${n("invalidAt")} (${invalidAt.toISOString()}) is before ${n("validAt")} (${validAt.toISOString()})`,
      "invalidAt",
    );
  }
  return {
    source: namedNode(input.sourceNodeName, input.sourceNodeSummary, "source"),
    target: namedNode(input.targetNodeName, input.targetNodeSummary, "target"),
    name,
    fact: boundedText(input.fact, "fact", MAX_FACT_LENGTH),
    validAt,
    invalidAt,
    threadId: input.threadId?.trim() ? input.threadId.trim() : null,
  };
}
