// Claims a user's next queued episode (the lowest ingestSeq of the user's Pending episodes), after user.lock
// took the user's lock in this transaction. The gate, ingestReadyAt, is read again under that lock, so of
// two workers only one claims. The claim is a lease: the gate moves to leaseUntil, so no worker takes this
// user's next episode before this one ends (one at a time, in order); a worker that dies lets the lease
// expire, and the same episode is claimed again under a new token. A user with nothing queued any more
// (a thread deletion took the episodes) loses the gate. The gate remembers the claim's token (see
// ingest.reopen).
// Params: $ownerId (the user's element id), $owner (the worker's id), $token (this claim's id), $leaseMs.
// Returns: one row, `episode` {uuid, projectId, groupId, ingestAttempts, queuedAt}; no row when nothing was
// claimed.
MATCH (u)
WHERE elementId(u) = $ownerId
// Read as a value, not a predicate the planner could push into an index seek over every ready user.
WITH u, coalesce(u:User AND u.ingestReadyAt <= datetime(), false) AS ready
WHERE ready
CALL (u) {
  OPTIONAL MATCH (e:Pending {projectId: u.projectId, groupId: u.uuid})
  USING INDEX SEEK e:Pending(projectId, groupId, ingestSeq)
  WHERE e.ingestSeq IS NOT NULL
  WITH e ORDER BY e.projectId, e.groupId, e.ingestSeq LIMIT 1
  RETURN e
}
WITH u, e, datetime.truncate('millisecond', datetime()) + duration({milliseconds: $leaseMs}) AS leaseUntil
SET u.ingestReadyAt = CASE WHEN e IS NULL THEN null ELSE leaseUntil END,
    u.ingestClaimToken = CASE WHEN e IS NULL THEN null ELSE $token END
WITH e, leaseUntil
WHERE e IS NOT NULL
SET e.ingestState = 'PROCESSING',
    e.claimOwner = $owner,
    e.claimToken = $token,
    e.claimedAt = datetime.truncate('millisecond', datetime()),
    e.leaseUntil = leaseUntil,
    e.ingestAttempts = coalesce(e.ingestAttempts, 0) + 1
RETURN e {.uuid, .projectId, .groupId, .ingestAttempts, queuedAt: e.queuedAt.epochMillis} AS episode
