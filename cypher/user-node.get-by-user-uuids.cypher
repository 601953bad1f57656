// Batch read of users' graph nodes.
// Params: $projectId, $userUuids (list).
// Returns: one row per input uuid, in input order; `node` is null when the user has none.
UNWIND range(0, size($userUuids) - 1) AS position
OPTIONAL MATCH (:User {projectId: $projectId, uuid: $userUuids[position]})-[:HAS_NODE]->(n:Entity)
RETURN position, n {.uuid, .groupId, .name, .summary, .labels, .attributes, createdAt: n.createdAt.epochMillis} AS node
ORDER BY position
