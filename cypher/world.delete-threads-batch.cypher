// Deletes up to $batchSize threads of one user's world (their messages went first) and adds the number
// to the counter on the user's tombstone, in the same transaction.
// Params: $projectId, $groupId, $batchSize.
// Returns: one row, `deleted` (0 when none are left).
MATCH (tombstone:DeletedUser {projectId: $projectId, groupId: $groupId})
CALL (tombstone) {
  MATCH (t:Thread {projectId: $projectId, groupId: $groupId})
  WITH t LIMIT $batchSize
  DETACH DELETE t
  RETURN count(*) AS deleted
}
SET tombstone.deletedThreads = tombstone.deletedThreads + deleted
RETURN deleted
