import neo4j from "neo4j-driver";
import type { TestApp } from "./testApp";

/**
 * What Neo4j holds for one project's users, in a form two projects can be compared by: every node of the
 * users' worlds (the nodes that carry a groupId) with its labels and properties, every relationship from
 * them, each named by what it is (`User jane`, `Message t1 #0`) instead of its uuid, and every instant
 * written as `<instant>`. A property that holds a uuid of the project names the node it points to. The
 * project's own nodes (counters, backfill markers, keys) are left out; compare counts through the API.
 */
export interface ProjectGraph {
  nodes: { key: string; labels: string[]; props: Record<string, unknown> }[];
  relationships: string[];
}

export async function readProjectGraph(t: TestApp, projectId: string): Promise<ProjectGraph> {
  const nodes = await t.cypher<{ id: string; labels: string[]; props: Record<string, unknown> }>(
    `MATCH (n) WHERE n.projectId = $projectId AND n.groupId IS NOT NULL RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props`,
    { projectId },
  );
  const relationships = await t.cypher<{ from: string; type: string; props: Record<string, unknown>; to: string }>(
    `MATCH (a)-[r]->(b) WHERE a.projectId = $projectId AND a.groupId IS NOT NULL
     RETURN elementId(a) AS from, type(r) AS type, properties(r) AS props, elementId(b) AS to`,
    { projectId },
  );

  const byId = new Map(nodes.map((node) => [node.id, node]));
  const userIdByUuid = new Map(nodes.filter((n) => n.labels.includes("User")).map((n) => [n.props.uuid as string, n.props.userId as string]));
  const threadOfMessage = new Map(
    relationships.filter((r) => r.type === "HAS_MESSAGE").map((r) => [r.to, byId.get(r.from)?.props.threadId as string]),
  );
  const messageKeyByUuid = new Map(
    nodes.filter((n) => n.labels.includes("Message")).map((n) => [n.props.uuid as string, `Message ${threadOfMessage.get(n.id)} #${String(n.props.seq)}`]),
  );
  const keyOf = (node: (typeof nodes)[number]): string => {
    const { props, labels } = node;
    if (labels.includes("User")) return `User ${String(props.userId)}`;
    if (labels.includes("Thread")) return `Thread ${String(props.threadId)}`;
    if (labels.includes("Message")) return messageKeyByUuid.get(props.uuid as string)!;
    if (labels.includes("Episodic") && typeof props.messageUuid === "string") return `Episode of ${messageKeyByUuid.get(props.messageUuid)}`;
    if (labels.includes("Entity") && (props.labels as string[]).includes("User")) {
      return `UserNode of ${userIdByUuid.get(props.groupId as string)}`;
    }
    return `${labels.join(":")} ${String(props.uuid)}`;
  };
  const keys = new Map(nodes.map((node) => [node.id, keyOf(node)]));
  const keyByUuid = new Map<string, string>(nodes.map((node) => [node.props.uuid as string, keys.get(node.id)!]));
  const canonical = (props: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(props)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => {
          if (neo4j.isDateTime(value)) return [name, "<instant>"];
          if (typeof value === "string" && keyByUuid.has(value)) return [name, `<uuid of ${keyByUuid.get(value)}>`];
          return [name, value];
        }),
    );

  return {
    nodes: nodes
      .map((node) => ({ key: keys.get(node.id)!, labels: [...node.labels].sort(), props: canonical(node.props) }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    relationships: relationships
      .map((r) => `${keys.get(r.from)} -[${r.type} ${JSON.stringify(canonical(r.props))}]-> ${keys.get(r.to)}`)
      .sort(),
  };
}

/** Removes a project's nodes: what a test made, and nothing else. */
export async function deleteProject(t: TestApp, projectId: string): Promise<void> {
  await t.cypher(`MATCH (n) WHERE n.projectId = $projectId DETACH DELETE n`, { projectId });
}
