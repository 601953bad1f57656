import {
  allNodeFacts,
  deleteFact,
  type GraphPageOptions,
  requireFact,
  requireNode,
  userEpisodes,
  userFacts,
  userGraphNodes,
} from "../services/graph";
import type { Handler } from "./endpoint";
import { type JsonObject, bodyOf, optionalNumber, optionalString, param, queryInt, refuseUnsupported } from "./input";
import type { Route } from "./route";
import { zepEdge, zepEpisode, zepNode } from "./shapes";

// Zep's Graph API (client.graph.node, .edge, .episode) for users' graphs, over the shared graph services:
// reading a graph's nodes, facts and episodes, and deleting a fact.

/** Where Zep's graph lists start and how they are ordered; usergraph lists newest first only. */
function graphPageOf(body: JsonObject): GraphPageOptions {
  refuseUnsupported(body, {
    filters: { what: "filters on graph lists" },
    order_by: { what: "ordering graph lists by anything but created_at", harmless: "created_at" },
    direction: { what: "ascending graph lists", harmless: "desc" },
  });
  return { limit: optionalNumber(body, "limit"), cursor: optionalString(body, "cursor"), uuidCursor: optionalString(body, "uuid_cursor") };
}

/** The graph list names: the services page like a connection (first/after). */
const LIST_NAMES = { first: "limit", after: "cursor" };

const getNodeHandler: Handler = async (req, _res, ctx) => zepNode(await requireNode(ctx, param(req, "uuid")));

const nodeEdgesHandler: Handler = async (req, _res, ctx) => (await allNodeFacts(ctx, param(req, "uuid"))).map(zepEdge);

// A page of a user's nodes or facts. The next page's cursor also travels in Zep's Zep-Next-Cursor header.
const userNodesHandler: Handler = async (req, res, ctx) => {
  const page = await userGraphNodes(ctx, param(req, "userId"), graphPageOf(bodyOf(req)));
  if (page.nextCursor !== null) res.setHeader("Zep-Next-Cursor", page.nextCursor);
  return page.items.map(zepNode);
};

const userEdgesHandler: Handler = async (req, res, ctx) => {
  const page = await userFacts(ctx, param(req, "userId"), graphPageOf(bodyOf(req)));
  if (page.nextCursor !== null) res.setHeader("Zep-Next-Cursor", page.nextCursor);
  return page.items.map(zepEdge);
};

const getEdgeHandler: Handler = async (req, _res, ctx) => zepEdge(await requireFact(ctx, param(req, "uuid")));

const deleteEdgeHandler: Handler = async (req, _res, ctx) => ({ message: (await deleteFact(ctx, param(req, "uuid"))).message });

const userEpisodesHandler: Handler = async (req, _res, ctx) => {
  const episodes = await userEpisodes(ctx, param(req, "userId"), queryInt(req, "lastn"));
  return { episodes: episodes.map(zepEpisode) };
};

export const GRAPH_READ_ROUTES: readonly Route[] = [
  { method: "GET", path: "/graph/node/:uuid", handler: getNodeHandler },
  // The SDK calls entity-edges; /edges is the shorter name the issue gives.
  { method: "GET", path: "/graph/node/:uuid/entity-edges", handler: nodeEdgesHandler },
  { method: "GET", path: "/graph/node/:uuid/edges", handler: nodeEdgesHandler },
  { method: "POST", path: "/graph/node/user/:userId", handler: userNodesHandler, names: LIST_NAMES },
  { method: "POST", path: "/graph/edge/user/:userId", handler: userEdgesHandler, names: LIST_NAMES },
  { method: "GET", path: "/graph/edge/:uuid", handler: getEdgeHandler },
  { method: "DELETE", path: "/graph/edge/:uuid", handler: deleteEdgeHandler },
  { method: "GET", path: "/graph/episodes/user/:userId", handler: userEpisodesHandler, names: { last: "lastn" } },
];
