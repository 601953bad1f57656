// Semantic search of one user's graph nodes (searchGraph scope NODES, with embeddings), best first, by the
// exact cosine of each node considered. The vector index is global, and its k nearest of a database of many
// users' nodes would seldom hold this user's, however close; so the user's $exactMax newest nodes (all of a
// graph no larger) are each considered, and only a larger graph adds the index's $k nearest that are this
// user's (the caller over-fetches). Vectors of another length than the query's, or without direction, have
// no cosine and are skipped, as the index skips them.
// Params: $projectId, $groupId, $vector, $k, $minScore ((1 + cosine) / 2, the index's scale), $limit,
//         $exactMax.
// Returns: one row per node found, best first: `node` (with `score`).
WITH [x IN $vector | toFloat(x)] AS query
CALL () {
  MATCH (n:Entity {projectId: $projectId, groupId: $groupId})
  USING INDEX SEEK n:Entity(projectId, groupId, createdAt, uuid)
  WHERE n.createdAt IS NOT NULL AND n.uuid IS NOT NULL
  WITH n ORDER BY n.projectId DESC, n.groupId DESC, n.createdAt DESC, n.uuid DESC LIMIT $exactMax + 1
  RETURN collect(n) AS newest
}
CALL (newest, query) {
  UNWIND newest[..$exactMax] AS n
  RETURN n
  UNION
  WITH newest, query WHERE size(newest) > $exactMax
  CALL db.index.vector.queryNodes('entity_embedding', $k, query) YIELD node AS n
  WITH n WHERE n.projectId = $projectId AND n.groupId = $groupId
  RETURN n
}
WITH n, query WHERE size(n.embedding) = size(query) AND any(x IN n.embedding WHERE x <> 0.0)
WITH n, vector.similarity.cosine(n.embedding, query) AS score
WHERE score >= $minScore
RETURN n {.uuid, .groupId, .name, .summary, .labels, .attributes, createdAt: n.createdAt.epochMillis, score: score} AS node
ORDER BY score DESC
LIMIT $limit
