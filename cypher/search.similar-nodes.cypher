// Semantic search of one user's graph nodes (searchGraph scope NODES, with embeddings): the $k nodes of the
// whole database nearest to $vector, then this user's among them that reach $minScore, best first. The index
// is global, so the caller over-fetches ($k well above $limit; see graphSearch.ts).
// Params: $projectId, $groupId, $vector, $k, $minScore (the index's score, (1 + cosine) / 2), $limit.
// Returns: one row per node found, best first: `node` (with `score`).
CALL db.index.vector.queryNodes('entity_embedding', $k, [x IN $vector | toFloat(x)])
YIELD node AS n, score
WHERE n.projectId = $projectId AND n.groupId = $groupId AND score >= $minScore
RETURN n {.uuid, .groupId, .name, .summary, .labels, .attributes, createdAt: n.createdAt.epochMillis, score: score} AS node
ORDER BY score DESC
LIMIT $limit
