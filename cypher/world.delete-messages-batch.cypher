// Deletes up to $batchSize messages of one user's world and adds the number to the counter on the user's
// tombstone, in the same transaction.
// Params: $projectId, $groupId, $batchSize.
// Returns: one row, `deleted` (0 when none are left).
MATCH (tombstone:DeletedUser {projectId: $projectId, groupId: $groupId})
CALL (tombstone) {
  MATCH (m:Message {projectId: $projectId, groupId: $groupId})
  WITH m LIMIT $batchSize
  DETACH DELETE m
  RETURN count(*) AS deleted
}
SET tombstone.deletedMessages = tombstone.deletedMessages + deleted
RETURN deleted
