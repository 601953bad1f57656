// Finds the user a fact belongs to without taking any lock: the first step of a write to the fact,
// which must lock the user before anything else (see user.lock).
// Params: $projectId, $uuid.
// Returns: one row, `ownerId` (the user's element id); no row for an unknown fact.
MATCH ()-[f:RELATES_TO {uuid: $uuid}]->()
WHERE f.projectId = $projectId
MATCH (u:User {projectId: $projectId, uuid: f.groupId})
RETURN elementId(u) AS ownerId
