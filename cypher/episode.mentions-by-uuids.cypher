// Batch read of the nodes that episodes mention.
// Params: $projectId, $uuids (list of episode uuids).
// Returns: one row per input uuid, in input order: `nodes` (list, by name).
UNWIND range(0, size($uuids) - 1) AS position
CALL (position) {
  OPTIONAL MATCH (e:Episodic {uuid: $uuids[position]})-[:MENTIONS]->(n:Entity)
  WHERE e.projectId = $projectId
  WITH n ORDER BY n.name
  RETURN collect(n {.uuid, .groupId, .name, .summary, .labels, .attributes, createdAt: n.createdAt.epochMillis}) AS nodes
}
RETURN position, nodes
ORDER BY position
