// The first page of the graph nodes of each of several users, newest first (createdAt, then uuid,
// descending). Reads one row more than asked per user, in order from the user's stretch of
// entity_project_group_created_at_uuid: the ORDER BY names the index's fixed leading properties too,
// which is how the planner sees that the index already gives the order.
// Params: $projectId, $userUuids (list), $limit (page size + 1).
// Returns: one row per input uuid, in input order: `nodes` (list). Nothing precedes a first page.
UNWIND range(0, size($userUuids) - 1) AS position
WITH position, $userUuids[position] AS groupId
CALL (groupId) {
  MATCH (n:Entity {projectId: $projectId, groupId: groupId})
  USING INDEX SEEK n:Entity(projectId, groupId, createdAt, uuid)
  WHERE n.createdAt IS NOT NULL AND n.uuid IS NOT NULL
  WITH n ORDER BY n.projectId DESC, n.groupId DESC, n.createdAt DESC, n.uuid DESC LIMIT $limit
  RETURN collect(n {.uuid, .groupId, .name, .summary, .labels, .attributes, createdAt: n.createdAt.epochMillis}) AS nodes
}
RETURN position, nodes
ORDER BY position
