// One page of the graph nodes of each of several users, newest first (createdAt, then uuid,
// descending), after a keyset cursor shared by all of them. Reads one row more than asked per user.
// Params: $projectId, $userUuids (list), $limit (page size + 1), $afterCreatedAt (ISO text or null), $afterUuid.
// Returns: one row per input uuid, in input order: `nodes` (list), `hasPrevious`, `totalCount`.
UNWIND range(0, size($userUuids) - 1) AS position
CALL (position) {
  OPTIONAL MATCH (n:Entity {projectId: $projectId, groupId: $userUuids[position]})
  WHERE $afterCreatedAt IS NULL
     OR n.createdAt < datetime($afterCreatedAt)
     OR (n.createdAt = datetime($afterCreatedAt) AND n.uuid < $afterUuid)
  WITH n ORDER BY n.createdAt DESC, n.uuid DESC LIMIT $limit
  RETURN collect(n {.*}) AS nodes
}
RETURN position, nodes,
  $afterCreatedAt IS NOT NULL AND EXISTS {
    MATCH (p:Entity {projectId: $projectId, groupId: $userUuids[position]})
    WHERE p.createdAt > datetime($afterCreatedAt) OR (p.createdAt = datetime($afterCreatedAt) AND p.uuid >= $afterUuid)
  } AS hasPrevious,
  COUNT { MATCH (all:Entity {projectId: $projectId, groupId: $userUuids[position]}) } AS totalCount
ORDER BY position
