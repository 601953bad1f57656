// The users, across all projects, whose next queued episode a worker may claim now, longest-waiting first:
// read in order from user_ingest_ready_at and cut at $limit, so the cost follows the batch, not the number
// of users or episodes. No lock is taken; ingest.claim checks the gate again under the user's lock.
// Params: $limit.
// Returns: one row per user, `ownerId` (the user's element id, for user.lock).
MATCH (u:User)
USING INDEX SEEK u:User(ingestReadyAt)
WHERE u.ingestReadyAt <= datetime()
WITH u ORDER BY u.ingestReadyAt ASC LIMIT $limit
RETURN elementId(u) AS ownerId
