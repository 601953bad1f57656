// One page of facts for each of several nodes: every fact whose source or target is the node, newest
// first (createdAt, then uuid, descending), after a keyset cursor shared by all of them; valid facts
// only unless $includeInvalid. Reads one row more than asked per node.
// Params: $projectId, $nodeUuids (list), $limit (page size + 1), $afterCreatedAt (ISO text or null),
//         $afterUuid, $includeInvalid.
// Returns: one row per input uuid, in input order: `facts` (list), `hasPrevious`, `totalCount`.
UNWIND range(0, size($nodeUuids) - 1) AS position
OPTIONAL MATCH (n:Entity {uuid: $nodeUuids[position]})
WHERE n.projectId = $projectId
CALL (n) {
  OPTIONAL MATCH (n)-[f:RELATES_TO]-()
  WHERE $includeInvalid OR (f.expiredAt IS NULL AND (f.invalidAt IS NULL OR f.invalidAt > datetime()))
  RETURN collect(DISTINCT f) AS matching
}
CALL (matching) {
  UNWIND matching AS f
  WITH f
  WHERE $afterCreatedAt IS NULL
     OR f.createdAt < datetime($afterCreatedAt)
     OR (f.createdAt = datetime($afterCreatedAt) AND f.uuid < $afterUuid)
  WITH f ORDER BY f.createdAt DESC, f.uuid DESC LIMIT $limit
  RETURN collect(f {.*, sourceNodeUuid: startNode(f).uuid, targetNodeUuid: endNode(f).uuid}) AS facts
}
RETURN position, facts,
  $afterCreatedAt IS NOT NULL AND any(f IN matching WHERE
    f.createdAt > datetime($afterCreatedAt) OR (f.createdAt = datetime($afterCreatedAt) AND f.uuid >= $afterUuid)) AS hasPrevious,
  size(matching) AS totalCount
ORDER BY position
