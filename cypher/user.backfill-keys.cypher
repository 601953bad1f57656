// One batch of the start-up backfill for users stored before the list indexes: the next $batchSize users
// in userId order, with the lower-cased copies and emailKey that user.create writes derived again where
// they are missing or stale. Idempotent; users already right are read, not written.
// The first SET (userIdLower, from the userId that never changes) takes the user's lock, so the fields read
// after it are the latest committed, as in user.update: a concurrent update cannot be overwritten stale.
// Params: $projectId, $afterUserId ('' to start), $batchSize.
// Returns: one row, `lastUserId` (where the next batch starts; null when no user was left), `written`.
MATCH (u:User {projectId: $projectId})
USING INDEX u:User(projectId, userId)
WHERE u.userId > $afterUserId
WITH u
ORDER BY u.projectId ASC, u.userId ASC
LIMIT $batchSize
WITH collect(u) AS batch
CALL (batch) {
  UNWIND batch AS u
  WITH u
  WHERE u.userIdLower IS NULL OR u.emailKey IS NULL
     OR coalesce(u.emailLower, '') <> toLower(coalesce(u.email, ''))
     OR coalesce(u.firstNameLower, '') <> toLower(coalesce(u.firstName, ''))
     OR coalesce(u.lastNameLower, '') <> toLower(coalesce(u.lastName, ''))
     OR u.emailKey <> CASE WHEN u.email IS NULL THEN '1' ELSE '0' + u.email END
  SET u.userIdLower = toLower(u.userId)
  SET u.emailLower = toLower(u.email),
      u.firstNameLower = toLower(u.firstName),
      u.lastNameLower = toLower(u.lastName),
      u.emailKey = CASE WHEN u.email IS NULL THEN '1' ELSE '0' + u.email END
  RETURN count(u) AS written
}
RETURN batch[-1].userId AS lastUserId, written
