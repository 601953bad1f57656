// Deletes up to $batchSize episodes of one user's world, in one transaction (they are not counted in
// the payload: episodes are the record of messages, data and facts, which are).
// The tombstone's lock is taken first, as every write to a user's world takes the user's lock first.
// Params: $projectId, $groupId, $batchSize.
// Returns: one row, `deleted` (0 when none are left).
MATCH (tombstone:DeletedUser {projectId: $projectId, groupId: $groupId})
SET tombstone.deletionBatches = coalesce(tombstone.deletionBatches, 0) + 1
WITH tombstone
CALL () {
  MATCH (e:Episodic {projectId: $projectId, groupId: $groupId})
  WITH e LIMIT $batchSize
  DETACH DELETE e
  RETURN count(*) AS deleted
}
RETURN deleted
