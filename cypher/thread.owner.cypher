// Finds the user a thread belongs to, without taking any lock: the first step of a write to a thread,
// which must lock the user before anything else (see user.lock).
// Params: $projectId, $threadId.
// Returns: one row, `ownerId` (the user's element id); no row for an unknown thread.
MATCH (u)-[:HAS_THREAD]->(:Thread {projectId: $projectId, threadId: $threadId})
RETURN elementId(u) AS ownerId
