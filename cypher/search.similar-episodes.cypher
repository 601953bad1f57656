// Semantic search of one user's episodes (searchGraph scope EPISODES, with embeddings), best first. A user
// with at most $exactMax episodes has them scored one by one: the vector index is global, and its k nearest
// of a database of many users' episodes would seldom hold this user's, however close. More are read from
// the index (its $k nearest of the whole database, then this user's among them; the caller over-fetches).
// Vectors of another length than the query's, or without direction, have no cosine and are skipped, as the
// index skips them.
// Params: $projectId, $groupId, $vector, $k, $minScore (the index's score, (1 + cosine) / 2), $limit,
//         $exactMax.
// Returns: one row per episode found, best first: `episode` (with `score` and `mentioned` node uuids).
WITH [x IN $vector | toFloat(x)] AS query
CALL () {
  MATCH (e:Episodic {projectId: $projectId, groupId: $groupId})
  USING INDEX SEEK e:Episodic(projectId, groupId, createdAt, uuid)
  WHERE e.createdAt IS NOT NULL AND e.uuid IS NOT NULL
  WITH e LIMIT $exactMax + 1
  RETURN collect(e) AS own
}
CALL (own, query) {
  WITH own, query WHERE size(own) <= $exactMax
  UNWIND own AS e
  WITH e, query WHERE size(e.embedding) = size(query) AND any(x IN e.embedding WHERE x <> 0.0)
  RETURN e, vector.similarity.cosine(e.embedding, query) AS score
  UNION
  WITH own, query WHERE size(own) > $exactMax
  CALL db.index.vector.queryNodes('episodic_embedding', $k, query) YIELD node AS e, score
  WITH e, score WHERE e.projectId = $projectId AND e.groupId = $groupId
  RETURN e, score
}
WITH e, score WHERE score >= $minScore
WITH e, score
ORDER BY score DESC
LIMIT $limit
RETURN e {.uuid, .content, .source, .sourceDescription, .threadId, createdAt: e.createdAt.epochMillis, score: score,
  mentioned: [(e)-[:MENTIONS]->(n:Entity) | n.uuid]} AS episode
