// Semantic search of one user's episodes (searchGraph scope EPISODES, with embeddings): the $k episodes of the
// whole database nearest to $vector, then this user's among them that reach $minScore, best first. The index
// is global, so the caller over-fetches ($k well above $limit; see graphSearch.ts).
// Params: $projectId, $groupId, $vector, $k, $minScore (the index's score, (1 + cosine) / 2), $limit.
// Returns: one row per episode found, best first: `episode` (with `score` and `mentioned` node uuids).
CALL db.index.vector.queryNodes('episodic_embedding', $k, [x IN $vector | toFloat(x)])
YIELD node AS e, score
WHERE e.projectId = $projectId AND e.groupId = $groupId AND score >= $minScore
WITH e, score
ORDER BY score DESC
LIMIT $limit
RETURN e {.uuid, .content, .source, .sourceDescription, .threadId, createdAt: e.createdAt.epochMillis, score: score,
  mentioned: [(e)-[:MENTIONS]->(n:Entity) | n.uuid]} AS episode
