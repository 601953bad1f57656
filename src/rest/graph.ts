import { badUserInput } from "../errors";
import { addData, addFactTriple, requireNode, searchUserGraph } from "../services/graph";
import type { SearchScope } from "../services/graphSearch";
import type { Handler } from "./endpoint";
import { bodyOf, choice, notSupported, optionalDate, optionalNumber, optionalString, refuseUnsupported, requiredString } from "./input";
import type { Route } from "./route";
import { zepEdge, zepEpisode, zepNode } from "./shapes";

// Zep's Graph API (client.graph.*) for users' graphs, over the shared graph services: adding to a graph and
// searching it. Reading its nodes, facts and episodes one by one is in graphReads.ts. usergraph keeps one
// graph per user; Zep's standalone graphs (graph_id) are refused by name.

const NAMED_GRAPHS = { what: "standalone graphs; usergraph keeps one graph per user, addressed by user_id" };

const DATA_TYPES: Readonly<Record<string, string>> = { text: "TEXT", json: "JSON", message: "MESSAGE", fact_triple: "FACT_TRIPLE" };
const SEARCH_SCOPES: Readonly<Record<string, SearchScope>> = { edges: "EDGES", nodes: "NODES", episodes: "EPISODES" };

const addDataHandler: Handler = async (req, _res, ctx) => {
  const body = bodyOf(req);
  refuseUnsupported(body, {
    graph_id: NAMED_GRAPHS,
    created_at: { what: "back-dating data; episodes are dated when added" },
    metadata: { what: "episode metadata" },
    document_id: { what: "documents" },
    strict_ontology: { what: "ontologies", harmless: false },
  });
  const type = requiredString(body, "type");
  const episode = await addData(ctx, requiredString(body, "user_id"), {
    type: choice(type, "type", DATA_TYPES) as string,
    data: requiredString(body, "data"),
    sourceDescription: optionalString(body, "source_description"),
  });
  return zepEpisode(episode);
};

const addFactTripleHandler: Handler = async (req, _res, ctx) => {
  const body = bodyOf(req);
  refuseUnsupported(body, {
    graph_id: NAMED_GRAPHS,
    created_at: { what: "back-dating facts; facts are dated when added" },
    expired_at: { what: "adding an expired fact" },
    edge_attributes: { what: "fact attributes" },
    source_node_attributes: { what: "node attributes" },
    target_node_attributes: { what: "node attributes" },
    source_node_labels: { what: "node labels" },
    target_node_labels: { what: "node labels" },
    source_node_uuid: { what: "naming a node by uuid; name it by source_node_name" },
    target_node_uuid: { what: "naming a node by uuid; name it by target_node_name" },
    metadata: { what: "fact metadata" },
  });
  const fact = await addFactTriple(ctx, requiredString(body, "user_id"), {
    sourceNodeName: requiredString(body, "source_node_name"),
    targetNodeName: requiredString(body, "target_node_name"),
    fact: requiredString(body, "fact"),
    factName: requiredString(body, "fact_name"),
    validAt: optionalDate(body, "valid_at"),
    invalidAt: optionalDate(body, "invalid_at"),
    sourceNodeSummary: optionalString(body, "source_node_summary"),
    targetNodeSummary: optionalString(body, "target_node_summary"),
    // usergraph's own addition: a fact learned in a thread is forgotten with the thread.
    threadId: optionalString(body, "thread_id"),
  });
  const [source, target] = await Promise.all([requireNode(ctx, fact.sourceNodeUuid), requireNode(ctx, fact.targetNodeUuid)]);
  return { edge: zepEdge(fact), source_node: zepNode(source), target_node: zepNode(target) };
};

const searchHandler: Handler = async (req, _res, ctx) => {
  const body = bodyOf(req);
  refuseUnsupported(body, {
    graph_id: NAMED_GRAPHS,
    search_filters: { what: "search filters" },
    bfs_origin_node_uuids: { what: "breadth-first search" },
    mmr_lambda: { what: "the mmr reranker" },
    max_characters: { what: "a context string of search results" },
    return_raw_results: { what: "raw search results", harmless: false },
  });
  const scope = optionalString(body, "scope") ?? "edges";
  if (!Object.hasOwn(SEARCH_SCOPES, scope)) throw notSupported(`scope "${scope}"`, "scope");
  const reranker = optionalString(body, "reranker") ?? "rrf";
  if (reranker !== "rrf" && reranker !== "node_distance") throw notSupported(`reranker "${reranker}"`, "reranker");
  const centerNodeUuid = optionalString(body, "center_node_uuid");
  if (reranker === "node_distance" && centerNodeUuid == null) {
    throw badUserInput("reranker node_distance needs center_node_uuid", "center_node_uuid");
  }
  const results = await searchUserGraph(ctx, requiredString(body, "user_id"), {
    query: requiredString(body, "query"),
    scope: SEARCH_SCOPES[scope],
    limit: optionalNumber(body, "limit"),
    // As in Zep, the center node matters only to the node_distance reranker.
    centerNodeUuid: reranker === "node_distance" ? centerNodeUuid : null,
  });
  return { edges: results.edges.map(zepEdge), nodes: results.nodes.map(zepNode), episodes: results.episodes.map(zepEpisode) };
};

export const GRAPH_ROUTES: readonly Route[] = [
  { method: "POST", path: "/graph", handler: addDataHandler, names: { addData: "graph.add" } },
  { method: "POST", path: "/graph/add-fact-triple", handler: addFactTripleHandler },
  { method: "POST", path: "/graph/search", handler: searchHandler },
];
