// One batch of a start-up backfill: facts written before facts carried sourceNodeUuid and targetNodeUuid
// (which relates_to_project_source_created_at_uuid and ..._target_... page a node's facts by) get their
// nodes' uuids. A batch is the worlds of the next $batchSize users after $afterUserId, in userId order;
// every fact's source node is in its user's world. Setting only what is missing makes it safe to repeat.
// Params: $projectId, $afterUserId ('' to start), $batchSize.
// Returns: one row: `lastUserId` (null when no user was left), `updated`.
MATCH (u:User {projectId: $projectId})
WHERE u.userId > $afterUserId
WITH u ORDER BY u.projectId, u.userId LIMIT $batchSize
CALL (u) {
  MATCH (source:Entity {projectId: $projectId, groupId: u.uuid})-[f:RELATES_TO]->(target:Entity)
  WHERE f.sourceNodeUuid IS NULL OR f.targetNodeUuid IS NULL
  SET f.sourceNodeUuid = source.uuid, f.targetNodeUuid = target.uuid
  RETURN count(f) AS updated
}
RETURN max(u.userId) AS lastUserId, sum(updated) AS updated
