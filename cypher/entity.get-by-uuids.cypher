// Batch read of graph nodes by uuid within a project; a node of a user being deleted is not found.
// Params: $projectId, $uuids (list).
// Returns: one row per input uuid, in input order; `node` is null for an unknown uuid.
UNWIND range(0, size($uuids) - 1) AS position
OPTIONAL MATCH (n:Entity {uuid: $uuids[position]})
WHERE n.projectId = $projectId AND EXISTS { MATCH (:User {projectId: $projectId, uuid: n.groupId}) }
RETURN position, n {.uuid, .groupId, .name, .summary, .labels, .attributes, createdAt: n.createdAt.epochMillis} AS node
ORDER BY position
