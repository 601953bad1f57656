// Semantic search of one user's episodes (searchGraph scope EPISODES, with embeddings), best first, by the
// exact cosine of each episode considered. The vector index is global, and its k nearest of a database of
// many users' episodes would seldom hold this user's, however close; so the user's $exactMax newest episodes
// (all of them when no more) are each considered, and only a user with more adds the index's $k nearest
// that are theirs (the caller over-fetches). Vectors of another length than the query's, or without
// direction, have no cosine and are skipped, as the index skips them.
// Params: $projectId, $groupId, $vector, $k, $minScore ((1 + cosine) / 2, the index's scale), $limit,
//         $exactMax.
// Returns: one row per episode found, best first: `episode` (with `score` and `mentioned` node uuids).
WITH [x IN $vector | toFloat(x)] AS query
CALL () {
  MATCH (e:Episodic {projectId: $projectId, groupId: $groupId})
  USING INDEX SEEK e:Episodic(projectId, groupId, createdAt, uuid)
  WHERE e.createdAt IS NOT NULL AND e.uuid IS NOT NULL
  WITH e ORDER BY e.projectId DESC, e.groupId DESC, e.createdAt DESC, e.uuid DESC LIMIT $exactMax + 1
  RETURN collect(e) AS newest
}
CALL (newest, query) {
  UNWIND newest[..$exactMax] AS e
  RETURN e
  UNION
  WITH newest, query WHERE size(newest) > $exactMax
  CALL db.index.vector.queryNodes('episodic_embedding', $k, query) YIELD node AS e
  WITH e WHERE e.projectId = $projectId AND e.groupId = $groupId
  RETURN e
}
WITH e, query WHERE size(e.embedding) = size(query) AND any(x IN e.embedding WHERE x <> 0.0)
WITH e, vector.similarity.cosine(e.embedding, query) AS score
WHERE score >= $minScore
WITH e, score
ORDER BY score DESC
LIMIT $limit
RETURN e {.uuid, .content, .source, .sourceDescription, .threadId, createdAt: e.createdAt.epochMillis, score: score,
  mentioned: [(e)-[:MENTIONS]->(n:Entity) | n.uuid]} AS episode
