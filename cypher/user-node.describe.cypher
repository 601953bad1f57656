// Keeps the user's graph node in step with the user's fields: its name, attributes, and the keys by which
// facts and episodes find it. The summary follows separately, with the node's facts.
// Params: $projectId, $userUuid, $name, $attributes (JSON text), $resolveKeys, $matchKeys.
// Returns: one row, `nodeUuid`.
MATCH (:User {projectId: $projectId, uuid: $userUuid})-[:HAS_NODE]->(n:Entity)
SET n.name = $name, n.attributes = $attributes, n.resolveKeys = $resolveKeys, n.matchKeys = $matchKeys
RETURN n.uuid AS nodeUuid
