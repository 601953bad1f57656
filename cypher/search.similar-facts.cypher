// Semantic search of one user's facts (searchGraph scope EDGES, with embeddings): the $k facts of the whole
// database nearest to $vector, then this user's among them that reach $minScore, best first. The index is
// global, so the caller over-fetches ($k well above $limit); a user with a small share of the facts may
// still get fewer than $limit (see graphSearch.ts).
// Params: $projectId, $groupId, $vector, $k, $minScore (the index's score, (1 + cosine) / 2), $limit.
// Returns: one row per fact found, best first: `fact` (with `score`).
CALL db.index.vector.queryRelationships('fact_embedding', $k, [x IN $vector | toFloat(x)])
YIELD relationship AS f, score
WHERE f.projectId = $projectId AND f.groupId = $groupId AND score >= $minScore
RETURN f {.uuid, .groupId, .name, .fact, .sourceNodeUuid, .targetNodeUuid, .episodes, createdAt: f.createdAt.epochMillis,
  validAt: f.validAt.epochMillis, invalidAt: f.invalidAt.epochMillis, expiredAt: f.expiredAt.epochMillis,
  score: score} AS fact
ORDER BY score DESC
LIMIT $limit
