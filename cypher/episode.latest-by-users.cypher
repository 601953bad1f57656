// The latest episodes of each of several users, newest first (Zep's episodes lastn), read in order from
// the user's stretch of episodic_project_group_created_at_uuid and cut at $limit: the ORDER BY names the
// index's fixed leading properties too, which is how the planner sees the index gives the order.
// Params: $projectId, $userUuids (list), $limit.
// Returns: one row per input uuid, in input order: `episodes` (list).
UNWIND range(0, size($userUuids) - 1) AS position
WITH position, $userUuids[position] AS groupId
CALL (groupId) {
  MATCH (e:Episodic {projectId: $projectId, groupId: groupId})
  USING INDEX SEEK e:Episodic(projectId, groupId, createdAt, uuid)
  WHERE e.createdAt IS NOT NULL AND e.uuid IS NOT NULL
  WITH e ORDER BY e.projectId DESC, e.groupId DESC, e.createdAt DESC, e.uuid DESC LIMIT $limit
  RETURN collect(e {.uuid, .content, .source, .sourceDescription, .threadId, .ingestState, .failureReason, createdAt: e.createdAt.epochMillis}) AS episodes
}
RETURN position, episodes
ORDER BY position
