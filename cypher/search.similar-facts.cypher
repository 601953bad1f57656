// Semantic search of one user's facts (searchGraph scope EDGES, with embeddings), best first. A graph of at
// most $exactMax facts is scored fact by fact: the vector index is global, and its k nearest of a database
// of many users' facts would seldom hold this user's, however close. A larger graph is read from the index
// (its $k nearest of the whole database, then this user's among them; the caller over-fetches, $k well
// above $limit). Vectors of another length than the query's, or without direction, have no cosine and are
// skipped, as the index skips them.
// Params: $projectId, $groupId, $vector, $k, $minScore (the index's score, (1 + cosine) / 2), $limit,
//         $exactMax.
// Returns: one row per fact found, best first: `fact` (with `score`).
WITH [x IN $vector | toFloat(x)] AS query
CALL () {
  MATCH ()-[f:RELATES_TO {projectId: $projectId, groupId: $groupId}]->()
  USING INDEX SEEK f:RELATES_TO(projectId, groupId, createdAt, uuid)
  WHERE f.createdAt IS NOT NULL AND f.uuid IS NOT NULL
  WITH f LIMIT $exactMax + 1
  RETURN collect(f) AS own
}
CALL (own, query) {
  WITH own, query WHERE size(own) <= $exactMax
  UNWIND own AS f
  WITH f, query WHERE size(f.embedding) = size(query) AND any(x IN f.embedding WHERE x <> 0.0)
  RETURN f, vector.similarity.cosine(f.embedding, query) AS score
  UNION
  WITH own, query WHERE size(own) > $exactMax
  CALL db.index.vector.queryRelationships('fact_embedding', $k, query) YIELD relationship AS f, score
  WITH f, score WHERE f.projectId = $projectId AND f.groupId = $groupId
  RETURN f, score
}
WITH f, score WHERE score >= $minScore
RETURN f {.uuid, .groupId, .name, .fact, .sourceNodeUuid, .targetNodeUuid, .episodes, createdAt: f.createdAt.epochMillis,
  validAt: f.validAt.epochMillis, invalidAt: f.invalidAt.epochMillis, expiredAt: f.expiredAt.epochMillis,
  score: score} AS fact
ORDER BY score DESC
LIMIT $limit
