// Batch count of the nodes of users' graphs (User.graphNodes' totalCount), the user node included:
// entries of entity_project_group, counted without reading the nodes.
// Params: $projectId, $userUuids (list).
// Returns: one row per input uuid, in input order: `count`.
UNWIND range(0, size($userUuids) - 1) AS position
WITH position, $userUuids[position] AS groupId
RETURN position, COUNT { MATCH (n:Entity {projectId: $projectId, groupId: groupId}) } AS count
ORDER BY position
