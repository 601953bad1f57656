// Deletes up to $batchSize messages of one user's world and adds the number to the counter on the user's
// tombstone, in the same transaction.
// The tombstone's lock is taken first, as every write to a user's world takes the user's lock first.
// Params: $projectId, $groupId, $batchSize.
// Returns: one row, `deleted` (0 when none are left).
MATCH (tombstone:DeletedUser {projectId: $projectId, groupId: $groupId})
SET tombstone.deletionBatches = coalesce(tombstone.deletionBatches, 0) + 1
WITH tombstone
CALL (tombstone) {
  MATCH (m:Message {projectId: $projectId, groupId: $groupId})
  WITH m LIMIT $batchSize
  DETACH DELETE m
  RETURN count(*) AS deleted
}
SET tombstone.deletedMessages = tombstone.deletedMessages + deleted
RETURN deleted
