// Full-text search of one user's facts, by sentence and relation name (searchGraph scope EDGES).
// Params: $projectId, $groupId, $query (Lucene text built by the caller, confined to the groupId), $limit.
// Returns: one row per fact found, best first: `fact` (with `score`).
CALL db.index.fulltext.queryRelationships('fact_fulltext', $query, {limit: $limit})
YIELD relationship AS f, score
WHERE f.projectId = $projectId AND f.groupId = $groupId
RETURN f {.*, sourceNodeUuid: startNode(f).uuid, targetNodeUuid: endNode(f).uuid, score: score} AS fact
ORDER BY score DESC
