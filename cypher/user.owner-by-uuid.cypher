// Finds a user by uuid (the groupId of the user's world) without taking any lock: the first step of the
// ingestion worker's writes, which lock the user before anything else (see user.lock).
// Params: $projectId, $groupId.
// Returns: one row, `ownerId` (the user's element id); no row for an unknown user or one being deleted.
MATCH (u:User {projectId: $projectId, uuid: $groupId})
RETURN elementId(u) AS ownerId
