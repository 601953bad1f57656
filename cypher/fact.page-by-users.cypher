// One page of the facts of each of several users' graphs, newest first (createdAt, then uuid, descending),
// after a keyset cursor shared by all of them; invalidated and expired facts included, as Zep lists edges.
// Reads one row more than asked per user. Every fact has one source node in its user's world, so facts
// are found through the indexed (projectId, groupId) of their source nodes, each once.
// Params: $projectId, $userUuids (list), $limit (page size + 1), $afterCreatedAt (ISO text or null), $afterUuid.
// Returns: one row per input uuid, in input order: `facts` (list), `hasPrevious`, `totalCount`.
UNWIND range(0, size($userUuids) - 1) AS position
CALL (position) {
  OPTIONAL MATCH (source:Entity {projectId: $projectId, groupId: $userUuids[position]})-[f:RELATES_TO]->(target:Entity)
  WHERE $afterCreatedAt IS NULL
     OR f.createdAt < datetime($afterCreatedAt)
     OR (f.createdAt = datetime($afterCreatedAt) AND f.uuid < $afterUuid)
  WITH source, f, target ORDER BY f.createdAt DESC, f.uuid DESC LIMIT $limit
  RETURN collect(f {.*, sourceNodeUuid: source.uuid, targetNodeUuid: target.uuid}) AS facts
}
RETURN position, facts,
  $afterCreatedAt IS NOT NULL AND EXISTS {
    MATCH (:Entity {projectId: $projectId, groupId: $userUuids[position]})-[p:RELATES_TO]->(:Entity)
    WHERE p.createdAt > datetime($afterCreatedAt) OR (p.createdAt = datetime($afterCreatedAt) AND p.uuid >= $afterUuid)
  } AS hasPrevious,
  COUNT { MATCH (:Entity {projectId: $projectId, groupId: $userUuids[position]})-[:RELATES_TO]->(:Entity) } AS totalCount
ORDER BY position
