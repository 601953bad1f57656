// Full-text search of one user's graph nodes, by name and summary (searchGraph scope NODES). Lucene finds
// at most $limit hits, already confined to the groupId by the query, so the sort below has at most $limit
// rows, whatever the size of the user's graph.
// Params: $projectId, $groupId, $query (Lucene text built by the caller, confined to the groupId), $limit.
// Returns: one row per node found, best first: `node` (with `score`).
CALL db.index.fulltext.queryNodes('entity_fulltext', $query, {limit: $limit})
YIELD node AS n, score
WHERE n.projectId = $projectId AND n.groupId = $groupId
RETURN n {.uuid, .groupId, .name, .summary, .labels, .attributes, createdAt: n.createdAt.epochMillis, score: score} AS node
ORDER BY score DESC
