// Keeps the user's graph node in step with the user's fields.
// Params: $projectId, $userUuid, $name, $summary, $attributes (JSON text).
// Returns: nothing.
MATCH (:User {projectId: $projectId, uuid: $userUuid})-[:HAS_NODE]->(n:Entity)
SET n.name = $name, n.summary = $summary, n.attributes = $attributes
