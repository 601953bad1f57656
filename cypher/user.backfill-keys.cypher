// One batch of the start-up backfill for users stored before the list indexes, or before searchText: the
// next $batchSize users in userId order, with the searchText and emailKey that user.create writes derived
// again where they are missing or stale, and the four lower-cased copies an earlier version searched
// removed. Idempotent; users already right are read, not written.
// The first SET (clearing searchText) takes the user's lock, so the fields read after it are the latest
// committed, as in user.update: a concurrent update cannot be overwritten stale.
// Params: $projectId, $afterUserId ('' to start), $batchSize.
// Returns: one row, `lastUserId` (where the next batch starts; null when no user was left), `written`.
MATCH (u:User {projectId: $projectId})
USING INDEX SEEK u:User(projectId, userId)
WHERE u.userId > $afterUserId
WITH u
ORDER BY u.projectId ASC, u.userId ASC
LIMIT $batchSize
WITH collect(u) AS batch
CALL (batch) {
  UNWIND batch AS u
  WITH u
  WHERE u.emailKey IS NULL OR u.userIdLower IS NOT NULL
     OR coalesce(u.searchText, '') <> toLower(u.userId) + '\n' + toLower(coalesce(u.email, '')) + '\n'
          + toLower(coalesce(u.firstName, '')) + '\n' + toLower(coalesce(u.lastName, ''))
     OR u.emailKey <> CASE WHEN u.email IS NULL THEN '1' ELSE '0' + u.email END
  SET u.searchText = null
  SET u.searchText = toLower(u.userId) + '\n' + toLower(coalesce(u.email, '')) + '\n'
        + toLower(coalesce(u.firstName, '')) + '\n' + toLower(coalesce(u.lastName, '')),
      u.emailKey = CASE WHEN u.email IS NULL THEN '1' ELSE '0' + u.email END
  REMOVE u.userIdLower, u.emailLower, u.firstNameLower, u.lastNameLower
  RETURN count(u) AS written
}
RETURN batch[-1].userId AS lastUserId, written
