// Finds deletions that were interrupted, so that start-up can finish them.
// Params: $projectId.
// Returns: one row per tombstone: `userId`.
MATCH (t:DeletedUser {projectId: $projectId})
RETURN t.userId AS userId
