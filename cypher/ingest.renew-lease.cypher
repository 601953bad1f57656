// Extends the lease of a claim still held (its token unchanged), and the user's gate with it, so that a
// long extraction is not taken for a dead worker's. The caller holds the user's lock (user.lock).
// Params: $projectId, $groupId, $episodeUuid, $token, $leaseMs.
// Returns: one row, `renewed`; no row when the claim was lost (the lease expired and another worker
// claimed the episode, or the episode is gone).
MATCH (u:User {projectId: $projectId, uuid: $groupId})
MATCH (e:Episodic {uuid: $episodeUuid})
WHERE e:Pending AND e.projectId = $projectId AND e.claimToken = $token
WITH u, e, datetime.truncate('millisecond', datetime()) + duration({milliseconds: $leaseMs}) AS leaseUntil
SET e.leaseUntil = leaseUntil, u.ingestReadyAt = leaseUntil, u.ingestClaimToken = $token
RETURN true AS renewed
