// Semantic search of one user's graph nodes (searchGraph scope NODES, with embeddings), best first. A graph
// of at most $exactMax nodes is scored node by node: the vector index is global, and its k nearest of a
// database of many users' nodes would seldom hold this user's, however close. A larger graph is read from
// the index (its $k nearest of the whole database, then this user's among them; the caller over-fetches).
// Vectors of another length than the query's, or without direction, have no cosine and are skipped, as the
// index skips them.
// Params: $projectId, $groupId, $vector, $k, $minScore (the index's score, (1 + cosine) / 2), $limit,
//         $exactMax.
// Returns: one row per node found, best first: `node` (with `score`).
WITH [x IN $vector | toFloat(x)] AS query
CALL () {
  MATCH (n:Entity {projectId: $projectId, groupId: $groupId})
  USING INDEX SEEK n:Entity(projectId, groupId, createdAt, uuid)
  WHERE n.createdAt IS NOT NULL AND n.uuid IS NOT NULL
  WITH n LIMIT $exactMax + 1
  RETURN collect(n) AS own
}
CALL (own, query) {
  WITH own, query WHERE size(own) <= $exactMax
  UNWIND own AS n
  WITH n, query WHERE size(n.embedding) = size(query) AND any(x IN n.embedding WHERE x <> 0.0)
  RETURN n, vector.similarity.cosine(n.embedding, query) AS score
  UNION
  WITH own, query WHERE size(own) > $exactMax
  CALL db.index.vector.queryNodes('entity_embedding', $k, query) YIELD node AS n, score
  WITH n, score WHERE n.projectId = $projectId AND n.groupId = $groupId
  RETURN n, score
}
WITH n, score WHERE score >= $minScore
RETURN n {.uuid, .groupId, .name, .summary, .labels, .attributes, createdAt: n.createdAt.epochMillis, score: score} AS node
ORDER BY score DESC
LIMIT $limit
