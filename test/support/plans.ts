import { CypherFiles } from "../../src/db/cypherFiles";
import { toNeo4jParams } from "../../src/db/neo4jValues";
import type { StatementName } from "../../src/db/statements";
import type { TestApp } from "./testApp";

// Reading a statement's plan for what makes a read cost in proportion to the data rather than to the page:
// a scan of a label or an index, or an operator that reads a data-sized stream to the end before it gives
// a row (a sort, an aggregation) or hands every row to the client.

/** A plan operator as the driver reports it (EXPLAIN's `summary.plan`). */
export interface PlanOperator {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanOperator[];
}

const files = CypherFiles.load();

/** The plan Neo4j would run for one of our statements with these parameters; nothing is executed. */
export async function explain(t: TestApp, name: StatementName, params: Record<string, unknown>): Promise<PlanOperator> {
  const result = await t.driver.executeQuery(`EXPLAIN ${files.get(name)}`, toNeo4jParams(params) as Record<string, unknown>);
  const plan = result.summary.plan;
  if (plan === false) throw new Error(`no plan for ${name}`);
  return plan as unknown as PlanOperator;
}

/** Db hits of one run of the statement (PROFILE), summed over its operators. */
export async function profileDbHits(t: TestApp, name: StatementName, params: Record<string, unknown>): Promise<number> {
  const result = await t.driver.executeQuery(`PROFILE ${files.get(name)}`, toNeo4jParams(params) as Record<string, unknown>);
  const profile = result.summary.profile;
  if (profile === false) throw new Error(`no profile for ${name}`);
  const sum = (operator: { dbHits: number; children: unknown[] }): number =>
    operator.dbHits + operator.children.reduce<number>((total, child) => total + sum(child as typeof operator), 0);
  return sum(profile);
}

const typeOf = (operator: PlanOperator): string => operator.operatorType.replace(/@.*$/, "");
const detailsOf = (operator: PlanOperator): string => String(operator.arguments.Details ?? "");

/** Reading a whole label, relationship type or index: cost in proportion to everything stored. */
const SCAN = /^(AllNodesScan|NodeByLabelScan|\w+NodeByLabelsScan|NodeIndexScan|NodeIndex\w+Scan|(Directed|Undirected)\w*(Relationships?|RelationshipType|RelationshipIndex)\w*Scan)$/;

/** Operators whose rows grow with the data they read: seeks that find many entries, expansions. */
const GROWS = /^(NodeIndexSeek|(Directed|Undirected)RelationshipIndexSeek|Expand\(All\)|Expand\(Into\)|OptionalExpand\(All\)|OptionalExpand\(Into\)|VarLengthExpand\w*|\w*ShortestPath\w*)$/;

// Expansions a row has a bounded number of, whatever the size of the data: a thread's one user (its
// incoming HAS_THREAD), a user's one graph node, and the nodes an episode mentions (named in its own text).
const BOUNDED_PER_ROW = [/^\(\w+\)<-\[\w*:HAS_THREAD\]-\(\w+\)/, /^\(\w+\)-\[\w*:HAS_NODE\]->\(\w+\)/, /^\(\w+\)-\[\w*:MENTIONS\]->\(\w+\)/];

/** Operators that read their whole input before giving a row. */
const READS_ALL = /^(Sort|Top|PartialSort|PartialTop|EagerAggregation|OrderedAggregation|Eager|ExhaustiveLimit|RollUpApply|ProduceResults)$/;

/** A Limit stops reading its input at the page; so does an EXISTS (its right-hand side stops at one row). */
const STOPS_AT_FIRST_ROW_OF_RHS = /SemiApply$/;

/**
 * What in a plan reads in proportion to the data: scans of a label, type or index, and any data-sized
 * stream (a seek or an expansion) that reaches a sort, an aggregation or the client without first passing
 * a Limit (or the one-row check of an EXISTS). A sort over rows that come out of Limits (two short index
 * reads merged) is bounded by the page and passes. Returns the problems found, empty for a page-sized plan.
 */
export function unboundedReads(plan: PlanOperator): string[] {
  const problems: string[] = [];
  const parents = new Map<PlanOperator, PlanOperator>();
  const all: PlanOperator[] = [];
  const visit = (operator: PlanOperator): void => {
    all.push(operator);
    for (const child of operator.children) {
      parents.set(child, operator);
      visit(child);
    }
  };
  visit(plan);
  for (const operator of all) {
    const type = typeOf(operator);
    if (SCAN.test(type)) problems.push(`${type} reads everything stored: ${detailsOf(operator)}`);
    if (!GROWS.test(type) || BOUNDED_PER_ROW.some((pattern) => pattern.test(detailsOf(operator)))) continue;
    const stopper = firstStopper(operator, parents);
    if (stopper !== null) problems.push(`${typeOf(stopper)} reads all rows of ${type}: ${detailsOf(operator)}`);
  }
  return problems;
}

/** Whether a plan reads through at least one index seek (or a full-text index query). */
export function seeksAnIndex(plan: PlanOperator): boolean {
  const type = typeOf(plan);
  if (/IndexSeek/.test(type) || (type === "ProcedureCall" && /db\.index\.fulltext\./.test(detailsOf(plan)))) return true;
  return plan.children.some(seeksAnIndex);
}

// Walks up from a data-sized stream: null when a Limit (or an EXISTS) cuts it first, else the operator
// that reads it to the end.
function firstStopper(start: PlanOperator, parents: Map<PlanOperator, PlanOperator>): PlanOperator | null {
  let child = start;
  for (let parent = parents.get(child); parent !== undefined; child = parent, parent = parents.get(child)) {
    const type = typeOf(parent);
    if (type === "Limit") return null;
    if (STOPS_AT_FIRST_ROW_OF_RHS.test(type) && parent.children[1] === child) return null;
    if (READS_ALL.test(type)) return parent;
  }
  return child;
}
