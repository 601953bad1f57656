// One page of the graph nodes of each of several users, newest first, after a keyset cursor shared by
// all of them. Two index reads, each in order and cut at the page (the cursor's own instant with a lower
// uuid, then the older nodes), so ties at one instant cost nothing to pass; only the two short lists are
// sorted. Reads one row more than asked per user.
// Params: $projectId, $userUuids (list), $limit (page size + 1), $afterCreatedAt (ISO text), $afterUuid.
// Returns: one row per input uuid, in input order: `nodes` (list), `hasPrevious`.
UNWIND range(0, size($userUuids) - 1) AS position
WITH position, $userUuids[position] AS groupId
CALL (groupId) {
  CALL (groupId) {
    MATCH (n:Entity {projectId: $projectId, groupId: groupId, createdAt: datetime($afterCreatedAt)})
    USING INDEX SEEK n:Entity(projectId, groupId, createdAt, uuid)
    WHERE n.uuid < $afterUuid
    WITH n ORDER BY n.projectId DESC, n.groupId DESC, n.createdAt DESC, n.uuid DESC LIMIT $limit
    RETURN n
    UNION ALL
    MATCH (n:Entity {projectId: $projectId, groupId: groupId})
    USING INDEX SEEK n:Entity(projectId, groupId, createdAt, uuid)
    WHERE n.createdAt < datetime($afterCreatedAt) AND n.uuid IS NOT NULL
    WITH n ORDER BY n.projectId DESC, n.groupId DESC, n.createdAt DESC, n.uuid DESC LIMIT $limit
    RETURN n
  }
  WITH n ORDER BY n.createdAt DESC, n.uuid DESC LIMIT $limit
  RETURN collect(n {.uuid, .groupId, .name, .summary, .labels, .attributes, createdAt: n.createdAt.epochMillis}) AS nodes
}
RETURN position, nodes,
  EXISTS {
    MATCH (p:Entity {projectId: $projectId, groupId: groupId, createdAt: datetime($afterCreatedAt)})
    WHERE p.uuid >= $afterUuid
  } OR EXISTS {
    MATCH (p:Entity {projectId: $projectId, groupId: groupId})
    WHERE p.createdAt > datetime($afterCreatedAt) AND p.uuid IS NOT NULL
  } AS hasPrevious
ORDER BY position
