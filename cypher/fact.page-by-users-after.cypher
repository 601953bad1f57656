// One page of the facts of each of several users' graphs, newest first, after a keyset cursor shared by
// all of them; invalidated and expired facts included. Two index reads, each in order and cut at the
// page (the cursor's own instant with a lower uuid, then the older facts), so ties at one instant cost
// nothing to pass; only the two short lists are sorted. Reads one row more than asked per user.
// Params: $projectId, $userUuids (list), $limit (page size + 1), $afterCreatedAt (ISO text), $afterUuid.
// Returns: one row per input uuid, in input order: `facts` (list), `hasPrevious`.
UNWIND range(0, size($userUuids) - 1) AS position
WITH position, $userUuids[position] AS groupId
CALL (groupId) {
  CALL (groupId) {
    MATCH ()-[f:RELATES_TO {projectId: $projectId, groupId: groupId, createdAt: datetime($afterCreatedAt)}]->()
    USING INDEX SEEK f:RELATES_TO(projectId, groupId, createdAt, uuid)
    WHERE f.uuid < $afterUuid
    WITH f ORDER BY f.projectId DESC, f.groupId DESC, f.createdAt DESC, f.uuid DESC LIMIT $limit
    RETURN f
    UNION ALL
    MATCH ()-[f:RELATES_TO {projectId: $projectId, groupId: groupId}]->()
    USING INDEX SEEK f:RELATES_TO(projectId, groupId, createdAt, uuid)
    WHERE f.createdAt < datetime($afterCreatedAt) AND f.uuid IS NOT NULL
    WITH f ORDER BY f.projectId DESC, f.groupId DESC, f.createdAt DESC, f.uuid DESC LIMIT $limit
    RETURN f
  }
  WITH f ORDER BY f.createdAt DESC, f.uuid DESC LIMIT $limit
  RETURN collect(f {.uuid, .groupId, .name, .fact, .sourceNodeUuid, .targetNodeUuid, .episodes,
    createdAt: f.createdAt.epochMillis, validAt: f.validAt.epochMillis, invalidAt: f.invalidAt.epochMillis,
    expiredAt: f.expiredAt.epochMillis}) AS facts
}
RETURN position, facts,
  EXISTS {
    MATCH ()-[p:RELATES_TO {projectId: $projectId, groupId: groupId, createdAt: datetime($afterCreatedAt)}]->()
    WHERE p.uuid >= $afterUuid
  } OR EXISTS {
    MATCH ()-[p:RELATES_TO {projectId: $projectId, groupId: groupId}]->()
    WHERE p.createdAt > datetime($afterCreatedAt) AND p.uuid IS NOT NULL
  } AS hasPrevious
ORDER BY position
