// Full-text search of one user's episodes, by content (searchGraph scope EPISODES).
// Params: $projectId, $groupId, $query (Lucene text built by the caller, confined to the groupId), $limit.
// Returns: one row per episode found, best first: `episode` (with `score` and `mentioned` node uuids).
CALL db.index.fulltext.queryNodes('episodic_fulltext', $query, {limit: $limit})
YIELD node AS e, score
WHERE e.projectId = $projectId AND e.groupId = $groupId
RETURN e {.*, score: score, mentioned: [(e)-[:MENTIONS]->(n:Entity) | n.uuid]} AS episode
ORDER BY score DESC
