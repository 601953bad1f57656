import type { TestApp } from "./testApp";

/**
 * Everything the database holds of a project, or of one user's world in it (`groupId`: the user's uuid):
 * every node and relationship with its properties, as sorted text, for asserting that nothing changed.
 * API keys and the project node are left out: using a key records its last use.
 */
export async function snapshotOf(t: TestApp, projectId: string, groupId: string | null = null): Promise<string[]> {
  const rows = await t.cypher(
    `MATCH (n {projectId: $p})
     WHERE NOT n:ApiKey AND NOT n:Project AND ($g IS NULL OR n.groupId = $g)
     OPTIONAL MATCH (n)-[r]->(m)
     RETURN labels(n) AS labels, properties(n) AS node, type(r) AS rel, properties(r) AS relProps, m.uuid AS to`,
    { p: projectId, g: groupId },
  );
  return rows.map((row) => JSON.stringify([row.labels, row.node, row.rel, row.relProps, row.to])).sort();
}
