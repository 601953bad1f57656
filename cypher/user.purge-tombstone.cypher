// Ends a deletion once the user's world is gone: removes the tombstone and reports what was deleted.
// Params: $projectId, $groupId.
// Returns: one row with the counters, or no row when another call already finished this deletion.
MATCH (t:DeletedUser {projectId: $projectId, groupId: $groupId})
WITH t, t {.userId, .deletedThreads, .deletedMessages, .deletedFacts, .deletedNodes} AS counts
DETACH DELETE t
RETURN counts
