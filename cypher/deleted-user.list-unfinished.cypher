// Finds deletions that were interrupted, so that start-up can finish them.
// Params: $projectId.
// Returns: one row per tombstone: `userId`, `groupId` (the world to finish removing).
MATCH (t:DeletedUser {projectId: $projectId})
RETURN t.userId AS userId, t.groupId AS groupId
