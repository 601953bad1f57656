// The first page of facts for each of several nodes: every fact whose source or target is the node,
// newest first (createdAt, then uuid, descending); valid facts only unless $includeInvalid. The facts the
// node is the source of and those it is the target of are each read in order from their index and cut at
// the page; UNION merges them (a fact from the node to itself is in both, once), and only the two short
// lists are sorted. The ORDER BY names the index's fixed leading properties too, which is how the planner
// sees the index gives the order. Reads one row more than asked per node.
// Params: $projectId, $nodeUuids (list), $limit (page size + 1), $includeInvalid.
// Returns: one row per input uuid, in input order: `facts` (list). Nothing precedes a first page.
UNWIND range(0, size($nodeUuids) - 1) AS position
WITH position, $nodeUuids[position] AS nodeUuid
CALL (nodeUuid) {
  CALL (nodeUuid) {
    MATCH ()-[f:RELATES_TO {projectId: $projectId, sourceNodeUuid: nodeUuid}]->()
    USING INDEX SEEK f:RELATES_TO(projectId, sourceNodeUuid, createdAt, uuid)
    WHERE f.createdAt IS NOT NULL AND f.uuid IS NOT NULL
      AND ($includeInvalid OR (f.expiredAt IS NULL AND (f.invalidAt IS NULL OR f.invalidAt > datetime())))
    WITH f ORDER BY f.projectId DESC, f.sourceNodeUuid DESC, f.createdAt DESC, f.uuid DESC LIMIT $limit
    RETURN f
    UNION
    MATCH ()-[f:RELATES_TO {projectId: $projectId, targetNodeUuid: nodeUuid}]->()
    USING INDEX SEEK f:RELATES_TO(projectId, targetNodeUuid, createdAt, uuid)
    WHERE f.createdAt IS NOT NULL AND f.uuid IS NOT NULL
      AND ($includeInvalid OR (f.expiredAt IS NULL AND (f.invalidAt IS NULL OR f.invalidAt > datetime())))
    WITH f ORDER BY f.projectId DESC, f.targetNodeUuid DESC, f.createdAt DESC, f.uuid DESC LIMIT $limit
    RETURN f
  }
  WITH f ORDER BY f.createdAt DESC, f.uuid DESC LIMIT $limit
  RETURN collect(f {.uuid, .groupId, .name, .fact, .sourceNodeUuid, .targetNodeUuid, .episodes,
    createdAt: f.createdAt.epochMillis, validAt: f.validAt.epochMillis, invalidAt: f.invalidAt.epochMillis,
    expiredAt: f.expiredAt.epochMillis}) AS facts
}
RETURN position, facts
ORDER BY position
