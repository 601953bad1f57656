// Gives a claimed episode back to the queue: after a failed attempt that will be tried again (at $readyAt,
// with the reason kept for the record), or at shutdown (at once, and the attempt not counted). The episode
// stays the user's next, and the user's gate opens at $readyAt. The caller holds the user's lock.
// Params: $projectId, $groupId, $episodeUuid, $token (the claim), $readyAt (ISO text), $reason (or null),
//         $uncount (1 to take the attempt back, else 0).
// Returns: one row, `unclaimed`; no row when the claim was lost.
MATCH (u:User {projectId: $projectId, uuid: $groupId})
MATCH (e:Episodic {uuid: $episodeUuid})
WHERE e:Pending AND e.projectId = $projectId AND e.claimToken = $token
SET e.ingestState = 'PENDING',
    e.failureReason = coalesce($reason, e.failureReason),
    e.nextAttemptAt = datetime($readyAt),
    e.ingestAttempts = e.ingestAttempts - $uncount,
    e.claimToken = null, e.claimOwner = null, e.claimedAt = null, e.leaseUntil = null,
    u.ingestReadyAt = datetime($readyAt),
    u.ingestClaimToken = null
RETURN true AS unclaimed
