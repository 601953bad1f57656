// Full-text search of one user's facts, by sentence and relation name (searchGraph scope EDGES). Lucene
// finds at most $limit hits, already confined to the groupId by the query, so the sort below has at most
// $limit rows, whatever the size of the user's graph.
// Params: $projectId, $groupId, $query (Lucene text built by the caller, confined to the groupId), $limit.
// Returns: one row per fact found, best first: `fact` (with `score`).
CALL db.index.fulltext.queryRelationships('fact_fulltext', $query, {limit: $limit})
YIELD relationship AS f, score
WHERE f.projectId = $projectId AND f.groupId = $groupId
RETURN f {.uuid, .groupId, .name, .fact, .sourceNodeUuid, .targetNodeUuid, .episodes, createdAt: f.createdAt.epochMillis,
  validAt: f.validAt.epochMillis, invalidAt: f.invalidAt.epochMillis, expiredAt: f.expiredAt.epochMillis,
  score: score} AS fact
ORDER BY score DESC
