// Finds a user by userId without taking any lock: the first step of a write to the user's graph, which
// must lock the user before anything else (see user.lock).
// Params: $projectId, $userId.
// Returns: one row, `ownerId` (the user's element id); no row for an unknown user.
MATCH (u:User {projectId: $projectId, userId: $userId})
RETURN elementId(u) AS ownerId
