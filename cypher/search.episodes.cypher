// Full-text search of one user's episodes, by content (searchGraph scope EPISODES). Lucene finds at most
// $limit hits, already confined to the groupId by the query, so the sort below has at most $limit rows.
// Params: $projectId, $groupId, $query (Lucene text built by the caller, confined to the groupId), $limit.
// Returns: one row per episode found, best first: `episode` (with `score` and `mentioned` node uuids).
CALL db.index.fulltext.queryNodes('episodic_fulltext', $query, {limit: $limit})
YIELD node AS e, score
WHERE e.projectId = $projectId AND e.groupId = $groupId
RETURN e {.uuid, .content, .source, .sourceDescription, .threadId, createdAt: e.createdAt.epochMillis, score: score,
  mentioned: [(e)-[:MENTIONS]->(n:Entity) | n.uuid]} AS episode
ORDER BY score DESC
