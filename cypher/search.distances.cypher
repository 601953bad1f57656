// Hops from a center node to each of some nodes of the same user's graph, over facts in either
// direction (Zep's node_distance reranker); null when farther than 6 hops or not connected.
// Params: $projectId, $groupId, $centerUuid, $uuids.
// Returns: one row: `centerFound`, `distances` (list of {uuid, distance}).
OPTIONAL MATCH (center:Entity {uuid: $centerUuid})
WHERE center.projectId = $projectId AND center.groupId = $groupId
CALL (center) {
  UNWIND $uuids AS nodeUuid
  OPTIONAL MATCH (target:Entity {uuid: nodeUuid})
  WHERE center IS NOT NULL AND target.groupId = center.groupId
  CALL (center, target) {
    OPTIONAL MATCH path = SHORTEST 1 (center)-[:RELATES_TO]-{0,6}(target)
    RETURN length(path) AS distance
  }
  RETURN collect({uuid: nodeUuid, distance: distance}) AS distances
}
RETURN center IS NOT NULL AS centerFound, distances
