// The facts for several context blocks at once: for each request, the facts of the user's world most
// relevant to a full-text query, and the newest facts (the caller uses these when nothing is relevant).
// Superseded facts (expiredAt set) are left out; facts that ended in the world keep their date range.
// The newest are read in order from the user's stretch of relates_to_project_group_created_at_uuid and
// cut at $newestLimit, the largest limit asked; LIMIT cannot take a per-row value, so each list is then
// cut to its own request's limit by slicing.
// Params: $projectId, $requests (list of {groupId, query (Lucene text or null), limit}), $newestLimit.
// Returns: one row per request, in input order: `relevant` and `newest` (lists of facts, each with its
// `source` and `target` nodes).
UNWIND range(0, size($requests) - 1) AS position
WITH position, $requests[position] AS request
CALL (request) {
  WITH request WHERE request.query IS NOT NULL
  CALL db.index.fulltext.queryRelationships('fact_fulltext', request.query, {limit: request.limit * 4})
  YIELD relationship AS f, score
  WHERE f.projectId = $projectId AND f.groupId = request.groupId AND f.expiredAt IS NULL
  WITH f, score, startNode(f) AS s, endNode(f) AS o ORDER BY score DESC
  RETURN collect(f {.uuid, .groupId, .name, .fact, .episodes, createdAt: f.createdAt.epochMillis, validAt: f.validAt.epochMillis,
    invalidAt: f.invalidAt.epochMillis, expiredAt: f.expiredAt.epochMillis,
    source: s {.uuid, .groupId, .name, .labels, .summary}, target: o {.uuid, .groupId, .name, .labels, .summary}}) AS relevant
  UNION
  WITH request WHERE request.query IS NULL
  RETURN [] AS relevant
}
CALL (request) {
  MATCH ()-[f:RELATES_TO {projectId: $projectId, groupId: request.groupId}]->()
  USING INDEX SEEK f:RELATES_TO(projectId, groupId, createdAt, uuid)
  WHERE f.createdAt IS NOT NULL AND f.uuid IS NOT NULL AND f.expiredAt IS NULL
  WITH f ORDER BY f.projectId DESC, f.groupId DESC, f.createdAt DESC, f.uuid DESC LIMIT $newestLimit
  WITH f, startNode(f) AS s, endNode(f) AS o
  RETURN collect(f {.uuid, .groupId, .name, .fact, .episodes, createdAt: f.createdAt.epochMillis, validAt: f.validAt.epochMillis,
    invalidAt: f.invalidAt.epochMillis, expiredAt: f.expiredAt.epochMillis,
    source: s {.uuid, .groupId, .name, .labels, .summary}, target: o {.uuid, .groupId, .name, .labels, .summary}}) AS newest
}
RETURN position, relevant[..request.limit] AS relevant, newest[..request.limit] AS newest
ORDER BY position
