// The threaded users' graphs of the scale data set: three facts each (where they work and live, how they like
// to be reached), between their user node and three entity nodes, citing an episode of their first
// thread. Ingestion would make such facts from the messages, but it processes tens of episodes a second,
// which would take hours for the 300,000 episodes of a million users; these are written straight into
// Neo4j, in batches, in the shape ingestion writes (ingest.resolve-entities, ingest.apply-facts), so that
// the graph reads and searches have other users' facts around them as a real project would. Their vectors
// come the way ingestion's do, through the app's embeddings model.
import { randomUUID } from "node:crypto";
import { nameKey, words } from "../../../src/domain/graph/text";
import type { BenchApp } from "../benchApp";
import { THREADED_EVERY, firstName, lastName, threadId, userId } from "./dataset";

const BATCH_USERS = 2000;

export const FACTS_PER_USER = 3;
/**
 * User 0 (threaded, in the first import, so the same user at both sizes) has this many facts: more than
 * semantic search scores one by one (EXACT_SIMILARITY_MAX, 2,000), so its searches read the vector index too.
 */
export const LARGE_USER = 0;
export const LARGE_USER_FACTS = 3000;
/** Words in every threaded user's facts: a search for them has the whole project's facts to pass over. */
export const FACT_WORDS = "works acme";
/** In every threaded user's graph: a node search for it has every graph's node of that name to pass over. */
export const NODE_NAME = "Acme";

interface GraphFact {
  name: string;
  fact: string;
  target: { uuid: string; name: string; nameKey: string; nameWords: string; labels: string[] };
}

/**
 * The facts of threaded user i: the same three relations for everyone, the places vary; the large user has
 * visited places besides.
 */
export function userFacts(i: number): GraphFact[] {
  const person = `${firstName(i)} ${lastName(i)}`;
  const entity = (name: string, label: string): GraphFact["target"] => ({
    uuid: randomUUID(),
    name,
    nameKey: nameKey(name),
    nameWords: words(name),
    labels: ["Entity", label],
  });
  const visits = i === LARGE_USER ? LARGE_USER_FACTS - FACTS_PER_USER : 0;
  return [
    ...Array.from({ length: visits }, (_, n) => ({
      name: "VISITED",
      fact: `${person} visited Place ${n}`,
      target: entity(`Place ${n}`, "Location"),
    })),
    { name: "WORKS_AT", fact: `${person} works at ${NODE_NAME} ${i % 97}`, target: entity(`${NODE_NAME} ${i % 97}`, "Organization") },
    { name: "LIVES_IN", fact: `${person} lives in Town ${i % 89}`, target: entity(`Town ${i % 89}`, "Location") },
    { name: "PREFERS", fact: `${person} prefers to be reached by email`, target: entity("email", "Preference") },
  ];
}

/**
 * Writes the graphs of the threaded users among `from` to `to - 1`, BATCH_USERS users per transaction, and
 * has their facts and nodes embedded and stored as ingestion does (embedAndStore, through the app's model).
 */
export async function writeUserGraphs(app: BenchApp, from: number, to: number): Promise<number> {
  let users = 0;
  const first = from + ((THREADED_EVERY - (from % THREADED_EVERY)) % THREADED_EVERY);
  const threaded: number[] = [];
  for (let i = first; i < to; i += THREADED_EVERY) threaded.push(i);
  for (let start = 0; start < threaded.length; start += BATCH_USERS) {
    const batch = threaded.slice(start, start + BATCH_USERS).map((i) => ({
      userId: userId(i),
      threadId: threadId(i, 0),
      facts: userFacts(i).map((fact) => ({ ...fact, uuid: randomUUID() })),
    }));
    const [row] = await app.baseline.write(WRITE_GRAPHS, { projectId: app.projectId, users: batch });
    users += Number(row?.users ?? 0);
    const facts = batch.flatMap((user) => user.facts.map((fact) => fact.uuid));
    const nodes = batch.flatMap((user) => user.facts.map((fact) => fact.target.uuid));
    const stored = await app.embed({ facts, nodes });
    if (stored.facts !== facts.length || stored.nodes !== nodes.length) {
      throw new Error(`stored the vectors of ${stored.facts} facts of ${facts.length} and ${stored.nodes} nodes of ${nodes.length}`);
    }
  }
  // A user without its node or its thread's episode would be left out by the MATCHes: say so, not time less.
  if (users !== threaded.length) throw new Error(`wrote the graphs of ${users} threaded users of ${threaded.length}`);
  return users;
}

// The episode cited is the oldest of the user's first thread (one per message, from the import). Nodes and
// facts carry what the graph reads and searches read, as ingestion sets them.
const WRITE_GRAPHS = `
UNWIND $users AS item
MATCH (u:User {projectId: $projectId, userId: item.userId})-[:HAS_NODE]->(userNode:Entity)
CALL (item) {
  MATCH (e:Episodic {projectId: $projectId, threadId: item.threadId})
  RETURN e AS episode ORDER BY e.createdAt, e.uuid LIMIT 1
}
UNWIND item.facts AS fact
MERGE (target:Entity {projectId: $projectId, groupId: u.uuid, nameKey: fact.target.nameKey})
  ON CREATE SET target.uuid = fact.target.uuid, target.name = fact.target.name, target.nameWords = fact.target.nameWords,
    target.labels = fact.target.labels, target.summary = fact.fact, target.attributes = '{}',
    target.createdAt = datetime.truncate('millisecond', datetime())
CREATE (userNode)-[:RELATES_TO {
  uuid: fact.uuid, projectId: $projectId, groupId: u.uuid, sourceNodeUuid: userNode.uuid, targetNodeUuid: target.uuid,
  name: fact.name, fact: fact.fact, episodes: [episode.uuid], createdAt: datetime.truncate('millisecond', datetime())
}]->(target)
MERGE (episode)-[:MENTIONS]->(userNode)
MERGE (episode)-[:MENTIONS]->(target)
RETURN count(DISTINCT u) AS users`;

/**
 * The service reads the written graph as its own: the user's facts and nodes are listed, and found by the
 * searches the reads time. A graph it could not read would make those reads time empty answers.
 */
export async function expectUserGraph(app: BenchApp, i: number): Promise<void> {
  const data = await app.execute<{
    user: { graphNodes: { edges: unknown[] }; node: { facts: { edges: unknown[] } } };
    edges: { edges: unknown[] };
    nodes: { nodes: { name: string }[] };
  }>(
    `query($u: ID!, $f: String!, $n: String!) {
      user(userId: $u) { graphNodes(first: 10) { edges { cursor } } node { facts(first: 10) { edges { cursor } } } }
      edges: searchGraph(userId: $u, query: $f, scope: EDGES, limit: 5) { edges { fact } }
      nodes: searchGraph(userId: $u, query: $n, scope: NODES, limit: 5) { nodes { name } }
    }`,
    { u: userId(i), f: FACT_WORDS, n: NODE_NAME.toLowerCase() },
  );
  const found = {
    facts: data.user.node.facts.edges.length,
    nodes: data.user.graphNodes.edges.length,
    factsSearched: data.edges.edges.length,
    nodesSearched: data.nodes.nodes.filter((node) => node.name.startsWith(NODE_NAME)).length,
  };
  const expected = { facts: FACTS_PER_USER, nodes: FACTS_PER_USER + 1, factsSearched: 1, nodesSearched: 1 };
  if (JSON.stringify(found) !== JSON.stringify(expected)) {
    throw new Error(`the service reads ${userId(i)}'s graph as ${JSON.stringify(found)}, expected ${JSON.stringify(expected)}`);
  }
}
