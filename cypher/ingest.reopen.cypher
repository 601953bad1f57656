// Opens a user's gate at once after a claim whose episode went away meanwhile (a thread deletion): without
// it the user's next episode would wait for the lease to expire. Only the claim that holds the gate
// (its token) can open it, so a claim taken over by another worker changes nothing. The caller holds the
// user's lock (user.lock).
// Params: $projectId, $groupId, $token.
// Returns: one row, `reopened`; no row when the gate is another claim's.
MATCH (u:User {projectId: $projectId, uuid: $groupId})
WHERE u.ingestClaimToken = $token
SET u.ingestClaimToken = null, u.ingestReadyAt = datetime.truncate('millisecond', datetime())
RETURN true AS reopened
