// Batch read of facts by uuid within a project; a fact of a user being deleted is not found.
// Params: $projectId, $uuids (list).
// Returns: one row per input uuid, in input order; `fact` is null for an unknown uuid.
UNWIND range(0, size($uuids) - 1) AS position
OPTIONAL MATCH (source:Entity)-[f:RELATES_TO {uuid: $uuids[position]}]->(target:Entity)
WHERE f.projectId = $projectId AND EXISTS { MATCH (:User {projectId: $projectId, uuid: f.groupId}) }
RETURN position,
  CASE WHEN f IS NULL THEN null ELSE f {.*, sourceNodeUuid: source.uuid, targetNodeUuid: target.uuid} END AS fact
ORDER BY position
