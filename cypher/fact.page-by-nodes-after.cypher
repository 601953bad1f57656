// One page of facts for each of several nodes (every fact whose source or target is the node), newest
// first, after a keyset cursor shared by all of them; valid facts only unless $includeInvalid. For each
// end of the facts, two index reads, each in order and cut at the page: the cursor's own instant with a
// lower uuid, then the older facts, so ties at one instant cost nothing to pass. UNION merges the four (a
// fact from the node to itself is found twice, kept once); only these short lists are sorted. Reads one
// row more than asked per node.
// Params: $projectId, $nodeUuids (list), $limit (page size + 1), $includeInvalid, $afterCreatedAt (ISO
//         text), $afterUuid.
// Returns: one row per input uuid, in input order: `facts` (list), `hasPrevious`.
UNWIND range(0, size($nodeUuids) - 1) AS position
WITH position, $nodeUuids[position] AS nodeUuid
CALL (nodeUuid) {
  CALL (nodeUuid) {
    MATCH ()-[f:RELATES_TO {projectId: $projectId, sourceNodeUuid: nodeUuid, createdAt: datetime($afterCreatedAt)}]->()
    USING INDEX SEEK f:RELATES_TO(projectId, sourceNodeUuid, createdAt, uuid)
    WHERE f.uuid < $afterUuid
      AND ($includeInvalid OR (f.expiredAt IS NULL AND (f.invalidAt IS NULL OR f.invalidAt > datetime())))
    WITH f ORDER BY f.projectId DESC, f.sourceNodeUuid DESC, f.createdAt DESC, f.uuid DESC LIMIT $limit
    RETURN f
    UNION
    MATCH ()-[f:RELATES_TO {projectId: $projectId, sourceNodeUuid: nodeUuid}]->()
    USING INDEX SEEK f:RELATES_TO(projectId, sourceNodeUuid, createdAt, uuid)
    WHERE f.createdAt < datetime($afterCreatedAt) AND f.uuid IS NOT NULL
      AND ($includeInvalid OR (f.expiredAt IS NULL AND (f.invalidAt IS NULL OR f.invalidAt > datetime())))
    WITH f ORDER BY f.projectId DESC, f.sourceNodeUuid DESC, f.createdAt DESC, f.uuid DESC LIMIT $limit
    RETURN f
    UNION
    MATCH ()-[f:RELATES_TO {projectId: $projectId, targetNodeUuid: nodeUuid, createdAt: datetime($afterCreatedAt)}]->()
    USING INDEX SEEK f:RELATES_TO(projectId, targetNodeUuid, createdAt, uuid)
    WHERE f.uuid < $afterUuid
      AND ($includeInvalid OR (f.expiredAt IS NULL AND (f.invalidAt IS NULL OR f.invalidAt > datetime())))
    WITH f ORDER BY f.projectId DESC, f.targetNodeUuid DESC, f.createdAt DESC, f.uuid DESC LIMIT $limit
    RETURN f
    UNION
    MATCH ()-[f:RELATES_TO {projectId: $projectId, targetNodeUuid: nodeUuid}]->()
    USING INDEX SEEK f:RELATES_TO(projectId, targetNodeUuid, createdAt, uuid)
    WHERE f.createdAt < datetime($afterCreatedAt) AND f.uuid IS NOT NULL
      AND ($includeInvalid OR (f.expiredAt IS NULL AND (f.invalidAt IS NULL OR f.invalidAt > datetime())))
    WITH f ORDER BY f.projectId DESC, f.targetNodeUuid DESC, f.createdAt DESC, f.uuid DESC LIMIT $limit
    RETURN f
  }
  WITH f ORDER BY f.createdAt DESC, f.uuid DESC LIMIT $limit
  RETURN collect(f {.uuid, .groupId, .name, .fact, .sourceNodeUuid, .targetNodeUuid, .episodes,
    createdAt: f.createdAt.epochMillis, validAt: f.validAt.epochMillis, invalidAt: f.invalidAt.epochMillis,
    expiredAt: f.expiredAt.epochMillis}) AS facts
}
RETURN position, facts,
  EXISTS {
    MATCH ()-[p:RELATES_TO {projectId: $projectId, sourceNodeUuid: nodeUuid, createdAt: datetime($afterCreatedAt)}]->()
    WHERE p.uuid >= $afterUuid AND ($includeInvalid OR (p.expiredAt IS NULL AND (p.invalidAt IS NULL OR p.invalidAt > datetime())))
  }
  OR EXISTS {
    MATCH ()-[p:RELATES_TO {projectId: $projectId, sourceNodeUuid: nodeUuid}]->()
    WHERE p.createdAt > datetime($afterCreatedAt) AND p.uuid IS NOT NULL AND ($includeInvalid OR (p.expiredAt IS NULL AND (p.invalidAt IS NULL OR p.invalidAt > datetime())))
  }
  OR EXISTS {
    MATCH ()-[p:RELATES_TO {projectId: $projectId, targetNodeUuid: nodeUuid, createdAt: datetime($afterCreatedAt)}]->()
    WHERE p.uuid >= $afterUuid AND ($includeInvalid OR (p.expiredAt IS NULL AND (p.invalidAt IS NULL OR p.invalidAt > datetime())))
  }
  OR EXISTS {
    MATCH ()-[p:RELATES_TO {projectId: $projectId, targetNodeUuid: nodeUuid}]->()
    WHERE p.createdAt > datetime($afterCreatedAt) AND p.uuid IS NOT NULL AND ($includeInvalid OR (p.expiredAt IS NULL AND (p.invalidAt IS NULL OR p.invalidAt > datetime())))
  } AS hasPrevious
ORDER BY position
