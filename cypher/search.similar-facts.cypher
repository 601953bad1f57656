// Semantic search of one user's facts (searchGraph scope EDGES, with embeddings), best first, by the exact
// cosine of each fact considered. The vector index is global, and its k nearest of a database of many
// users' facts would seldom hold this user's, however close; so the user's $exactMax newest facts (all of a
// graph no larger) are each considered, and only a larger graph adds the index's $k nearest that are this
// user's (the caller over-fetches, $k well above $limit). Vectors of another length than the query's, or
// without direction, have no cosine and are skipped, as the index skips them.
// Params: $projectId, $groupId, $vector, $k, $minScore ((1 + cosine) / 2, the index's scale), $limit,
//         $exactMax.
// Returns: one row per fact found, best first: `fact` (with `score`).
WITH [x IN $vector | toFloat(x)] AS query
CALL () {
  MATCH ()-[f:RELATES_TO {projectId: $projectId, groupId: $groupId}]->()
  USING INDEX SEEK f:RELATES_TO(projectId, groupId, createdAt, uuid)
  WHERE f.createdAt IS NOT NULL AND f.uuid IS NOT NULL
  WITH f ORDER BY f.projectId DESC, f.groupId DESC, f.createdAt DESC, f.uuid DESC LIMIT $exactMax + 1
  RETURN collect(f) AS newest
}
CALL (newest, query) {
  UNWIND newest[..$exactMax] AS f
  RETURN f
  UNION
  WITH newest, query WHERE size(newest) > $exactMax
  CALL db.index.vector.queryRelationships('fact_embedding', $k, query) YIELD relationship AS f
  WITH f WHERE f.projectId = $projectId AND f.groupId = $groupId
  RETURN f
}
WITH f, query WHERE size(f.embedding) = size(query) AND any(x IN f.embedding WHERE x <> 0.0)
WITH f, vector.similarity.cosine(f.embedding, query) AS score
WHERE score >= $minScore
RETURN f {.uuid, .groupId, .name, .fact, .sourceNodeUuid, .targetNodeUuid, .episodes, createdAt: f.createdAt.epochMillis,
  validAt: f.validAt.epochMillis, invalidAt: f.invalidAt.epochMillis, expiredAt: f.expiredAt.epochMillis,
  score: score} AS fact
ORDER BY score DESC
LIMIT $limit
