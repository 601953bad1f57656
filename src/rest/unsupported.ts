import type { RequestHandler } from "express";

// The rest of Zep's API: everything the SDKs can call that usergraph does not do. Each answers 400 with a
// message naming what is not supported, never a success that did nothing. 400 rather than 501 because the
// SDKs retry every 5xx answer (twice, with back-off) and this answer will not change on a retry.

/**
 * Zep features by "METHOD /path" (the path below /api/v2), the first match naming the feature. No pattern
 * matches a route usergraph serves (test/unit/restRoutes.test.ts checks every route in the tables).
 */
export const FEATURES: readonly (readonly [RegExp, string])[] = [
  [/^POST \/graph\/clone$/, "graph cloning (graph.clone)"],
  [/^\w+ \/entity-types$/, "ontologies (graph.setEntityTypes, graph.listEntityTypes)"],
  [/^\w+ \/user-summary-instructions$/, "user summary instructions"],
  [/^\w+ \/custom-instructions$/, "custom instructions"],
  [/^\w+ \/(batches(\/.*)?|graph-batch|threads\/[^/]+\/messages-batch)$/, "batch ingestion"],
  [/^\w+ \/graph\/(create|list-all)$/, "standalone graphs (graph_id)"],
  [/^\w+ \/graph\/(node|edge|episodes|observation|thread-summary|document-summary)\/graph\//, "standalone graphs (graph_id)"],
  [/^(GET|PATCH|DELETE) \/graph\/[^/]+$|^GET \/graph\/[^/]+\/warm$/, "standalone graphs (graph_id)"],
  [/^\w+ \/graph\/(observation|thread-summary|document-summary)\//, "observations and summaries"],
  [/^\w+ \/graph\/(nodes|patterns|subgraph|documents\/.*)$/, "this graph operation"],
  [/^PATCH \/graph\/(node|edge)\/[^/]+$/, "editing nodes and facts"],
  [/^DELETE \/graph\/node\/[^/]+$/, "deleting single nodes (a node goes with its last fact)"],
  [/^\w+ \/graph\/node\/[^/]+\/(episodes|neighbors)$/, "node episodes and neighbours"],
  // Leaves out the one served path below /graph/episodes/: GET of a user's episodes (graph.episode.getByUserId).
  [/^(?!GET \/graph\/episodes\/user\/[^/]+$)\w+ \/graph\/episodes\//, "reading or changing single episodes"],
  [/^\w+ \/threads\/[^/]+\/(summary|episodes)$/, "thread summaries and thread episodes"],
  [/^\w+ \/messages\//, "editing messages"],
  [/^\w+ \/context-templates(\/.*)?$/, "context templates"],
  [/^\w+ \/(user-groups|abac)(\/.*)?$/, "user groups and access policies"],
  [/^\w+ \/projects\//, "project settings"],
  [/^\w+ \/tasks\//, "tasks (usergraph does its work before it answers)"],
];

/** The catch-all of /api/v2: a method and path no route serves. */
export const unsupported: RequestHandler = (req, res) => {
  const feature = FEATURES.find(([pattern]) => pattern.test(`${req.method} ${req.path}`))?.[1];
  const what = `${req.method} ${req.baseUrl}${req.path}`;
  res.status(400).json({ message: feature ? `${what}: ${feature} is not supported by usergraph` : `${what} is not supported by usergraph` });
};
