import { randomUUID } from "node:crypto";
import neo4j from "neo4j-driver";
import { CypherFiles } from "../../src/db/cypherFiles";
import { STATEMENT_NAMES, type StatementName } from "../../src/db/statements";
import { testNeo4jConfig } from "../setup/neo4jEnv";
import { storeOldUsers } from "../support/oldUsers";
import { type TestApp, startTestApp } from "../support/testApp";

// The plans Neo4j chooses for the users' list, page, count and search statements, pinned: a read of the
// users of a project must cost the same at a thousand users as at a million. EXPLAIN shows the plan without
// running the statement; the rules below are what "costs the same" means for each kind of statement.

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

/**
 * "page": reads its rows in the order of an index and stops at the page. "search": reads only the text
 * indexes' matches. "capped search": a search that reads a bounded number of matches before it sorts them.
 * "count": reads an index, never every node of a label.
 */
type Kind = "page" | "search" | "capped search" | "count";

const SCANS = new Set(["NodeByLabelScan", "AllNodesScan", "UnionNodeByLabelsScan", "IntersectionNodeByLabelsScan"]);
const SORTS = new Set(["Sort", "Top", "PartialSort", "PartialTop"]);

const operator = (node: PlanNode): string => node.operatorType.split("@")[0] as string;
const isIndexRead = (node: PlanNode): boolean => /^Node(Unique)?Index/.test(operator(node));

/** Every operator with its parent and its place among the parent's children (0: left, 1: right). */
function operators(plan: PlanNode): { node: PlanNode; parent: PlanNode | null; side: number }[] {
  const found: { node: PlanNode; parent: PlanNode | null; side: number }[] = [];
  const visit = (node: PlanNode, parent: PlanNode | null, side: number): void => {
    found.push({ node, parent, side });
    node.children.forEach((child, index) => visit(child, node, index));
  };
  visit(plan, null, 0);
  return found;
}

function shown(node: PlanNode): string {
  return `${operator(node)} ${String(node.arguments.Details ?? "")}`.trim();
}

/** What breaks the rules of `kind` in `plan`, as readable lines (empty when the plan keeps them). */
function violations(plan: PlanNode, kind: Kind): string[] {
  const all = operators(plan);
  const problems: string[] = [];
  for (const { node } of all) {
    if (SCANS.has(operator(node))) problems.push(`reads every node of a label: ${shown(node)}`);
  }
  const indexReads = all.filter(({ node }) => isIndexRead(node));
  if (indexReads.length === 0) problems.push("reads no index");
  for (const { node } of all.filter(({ node }) => SORTS.has(operator(node)))) {
    // Sorting is bounded only over a search's matches, which the text indexes found.
    const under = operators(node).filter(({ node: inner }) => isIndexRead(inner));
    const overMatches = kind.endsWith("search") && under.length > 0 && under.every(({ node: inner }) => operator(inner) === "NodeIndexContainsScan");
    if (!overMatches) problems.push(`sorts what an index read returned in full: ${shown(node)}`);
  }
  if (kind === "capped search") {
    for (const { node } of all.filter(({ node }) => SORTS.has(operator(node)))) {
      if (!operators(node).some(({ node: inner }) => operator(inner) === "Limit")) problems.push(`sorts matches no limit bounds: ${shown(node)}`);
    }
  }
  if (kind.endsWith("search")) {
    for (const { node } of indexReads) {
      if (operator(node) !== "NodeIndexContainsScan") problems.push(`a search read beside the text indexes: ${shown(node)}`);
    }
  }
  if (kind === "page") {
    // LIMIT pushed down: each ordered read stops at the page; an EXISTS (a semi-apply's right side) stops at
    // its first row by itself.
    for (const { node, parent, side } of indexReads) {
      const limited = parent !== null && operator(parent) === "Limit";
      const exists = parent !== null && /SemiApply$/.test(operator(parent)) && side === 1;
      if (!limited && !exists) problems.push(`an index read that does not stop at the page: ${shown(node)}`);
    }
  }
  return problems;
}

describe("the plans of the users' list, page, count and search statements", () => {
  let t: TestApp;
  const cypher = CypherFiles.load();
  const projectId = `test-plans-${randomUUID()}`;

  beforeAll(async () => {
    // A project stored by an earlier version, started afterwards: its users get their keys and their count
    // at start-up, as an upgraded deployment's would, and the planner sees a project of some size.
    // Another project of the same size beside it, as in any shared database: with one project alone the
    // planner rightly sees no difference between seeking the project and scanning the whole index, and
    // may pick either.
    const seed = await startTestApp();
    await storeOldUsers(seed, projectId, 600);
    await storeOldUsers(seed, `${projectId}-neighbour`, 600);
    await seed.close();
    t = await startTestApp({ projectId });
  });
  afterAll(() => t.close());

  const cursor = { createdAt: "2023-11-14T22:13:20.010Z", userId: "old-31" };
  const numbered = { skip: 550, limit: 50 };
  const CASES: [StatementName, Kind, Record<string, unknown>][] = [
    ["user.page-forward", "page", { limit: 51 }],
    ["user.page-forward-after", "page", { limit: 51, afterCreatedAt: cursor.createdAt, afterUserId: cursor.userId }],
    ["user.page-backward", "page", { limit: 6 }],
    ["user.page-backward-before", "page", { limit: 6, beforeCreatedAt: cursor.createdAt, beforeUserId: cursor.userId }],
    ["user.list-ordered", "page", numbered],
    ["user.list-ordered-created-at-asc", "page", numbered],
    ["user.list-ordered-user-id-asc", "page", numbered],
    ["user.list-ordered-user-id-desc", "page", numbered],
    ["user.list-ordered-email-asc", "page", numbered],
    ["user.list-ordered-email-desc", "page", numbered],
    ["user.backfill-keys", "page", { afterUserId: "", batchSize: 5000 }],
    ["user.list-ordered-search", "search", { search: "mail1", orderBy: "EMAIL", asc: true, ...numbered }],
    ["user.list-ordered-search-counted", "capped search", { search: "mail1", orderBy: "EMAIL", asc: true, ...numbered, maxMatches: 5000 }],
    ["user.count-search", "search", { search: "mail1" }],
    ["counter.sum", "count", { name: "users" }],
    ["user.init-counter", "count", {}],
  ];

  async function explain(name: StatementName, params: Record<string, unknown>): Promise<PlanNode> {
    const integers = Object.fromEntries(
      Object.entries({ projectId, ...params }).map(([key, value]) => [key, typeof value === "number" ? neo4j.int(value) : value]),
    );
    const result = await t.driver.executeQuery(`EXPLAIN ${cypher.get(name)}`, integers, { database: testNeo4jConfig().database });
    if (!result.summary.plan) throw new Error(`no plan for ${name}`);
    return result.summary.plan as unknown as PlanNode;
  }

  it("covers every users list, page and count statement", () => {
    const listed = STATEMENT_NAMES.filter((name) => /^user\.(page|list|count)/.test(name));
    expect(listed.filter((name) => !CASES.some(([covered]) => covered === name))).toEqual([]);
  });

  it.each(CASES)("%s reads by index, as a %s statement should", async (name, kind, params) => {
    expect(violations(await explain(name, params), kind)).toEqual([]);
  });

  it("the rules catch a statement that reads every user of the project and sorts them", async () => {
    const text = `MATCH (u:User) WHERE u.projectId = $projectId RETURN u.userId ORDER BY u.createdAt DESC LIMIT 50`;
    const result = await t.driver.executeQuery(`EXPLAIN ${text}`, { projectId }, { database: testNeo4jConfig().database });
    const problems = violations(result.summary.plan as unknown as PlanNode, "page");
    expect(problems.some((problem) => problem.startsWith("reads every node of a label"))).toBe(true);
    expect(problems.some((problem) => problem.startsWith("sorts what an index read returned in full"))).toBe(true);
  });

  it("the capped search's rule catches a search that sorts every match it reads", async () => {
    const uncapped = await explain("user.list-ordered-search", { search: "mail1", orderBy: "EMAIL", asc: true, ...numbered });
    expect(violations(uncapped, "capped search").filter((problem) => problem.startsWith("sorts matches no limit bounds"))).toHaveLength(1);
  });
});
