// The first page of the facts of each of several users' graphs, newest first (createdAt, then uuid,
// descending); invalidated and expired facts included, as Zep lists edges. Reads one row more than asked
// per user, in order from the user's stretch of relates_to_project_group_created_at_uuid: the ORDER BY
// names the index's fixed leading properties too, which is how the planner sees the index gives the order.
// Params: $projectId, $userUuids (list), $limit (page size + 1).
// Returns: one row per input uuid, in input order: `facts` (list). Nothing precedes a first page.
UNWIND range(0, size($userUuids) - 1) AS position
WITH position, $userUuids[position] AS groupId
CALL (groupId) {
  MATCH ()-[f:RELATES_TO {projectId: $projectId, groupId: groupId}]->()
  USING INDEX SEEK f:RELATES_TO(projectId, groupId, createdAt, uuid)
  WHERE f.createdAt IS NOT NULL AND f.uuid IS NOT NULL
  WITH f ORDER BY f.projectId DESC, f.groupId DESC, f.createdAt DESC, f.uuid DESC LIMIT $limit
  RETURN collect(f {.uuid, .groupId, .name, .fact, .sourceNodeUuid, .targetNodeUuid, .episodes,
    createdAt: f.createdAt.epochMillis, validAt: f.validAt.epochMillis, invalidAt: f.invalidAt.epochMillis,
    expiredAt: f.expiredAt.epochMillis}) AS facts
}
RETURN position, facts
ORDER BY position
