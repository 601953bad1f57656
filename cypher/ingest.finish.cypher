// Ends the ingestion of a claimed episode: DONE, or FAILED with its reason. The episode leaves the queue
// (the Pending label goes), records when and as which of the user's episodes it was processed
// (processedSeq), and its message, if any, reads as processed. The user's gate opens at once for the
// next queued episode, or closes when none is left. The caller holds the user's lock (user.lock).
// Params: $projectId, $groupId, $episodeUuid, $token (the claim), $state ('DONE' | 'FAILED'), $reason.
// Returns: one row, `queuedAt`, `processedAt` (epoch milliseconds); no row when the claim was lost.
MATCH (u:User {projectId: $projectId, uuid: $groupId})
MATCH (e:Episodic {uuid: $episodeUuid})
WHERE e:Pending AND e.projectId = $projectId AND e.claimToken = $token
WITH u, e, coalesce(u.ingestProcessed, 0) + 1 AS processedSeq
SET u.ingestProcessed = processedSeq
REMOVE e:Pending
SET e.ingestState = $state,
    e.failureReason = $reason,
    e.processedAt = datetime.truncate('millisecond', datetime()),
    e.processedSeq = processedSeq,
    e.claimToken = null, e.claimOwner = null, e.claimedAt = null, e.leaseUntil = null, e.nextAttemptAt = null
WITH u, e
CALL (e) {
  OPTIONAL MATCH (m:Message {uuid: e.messageUuid})
  WHERE m.projectId = $projectId
  SET m.processed = true
}
CALL (u) {
  OPTIONAL MATCH (next:Pending {projectId: $projectId, groupId: u.uuid})
  USING INDEX SEEK next:Pending(projectId, groupId, ingestSeq)
  WHERE next.ingestSeq IS NOT NULL
  WITH next LIMIT 1
  RETURN next IS NOT NULL AS more
}
SET u.ingestReadyAt = CASE WHEN more THEN datetime.truncate('millisecond', datetime()) ELSE null END,
    u.ingestClaimToken = null
RETURN e.queuedAt.epochMillis AS queuedAt, e.processedAt.epochMillis AS processedAt
