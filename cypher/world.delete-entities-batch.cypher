// Deletes up to $batchSize graph nodes of one user's world, with their facts, and adds what it removed to
// the counters on the user's tombstone, in the same transaction.
// The tombstone's lock is taken first, as every write to a user's world takes the user's lock first.
// Params: $projectId, $groupId, $batchSize.
// Returns: one row, `deleted`, how many nodes went (0 when none are left).
MATCH (t:DeletedUser {projectId: $projectId, groupId: $groupId})
SET t.deletionBatches = coalesce(t.deletionBatches, 0) + 1
WITH t
CALL (t) {
  MATCH (n:Entity {projectId: $projectId, groupId: $groupId})
  WITH n LIMIT $batchSize
  WITH n, COUNT { (n)-[:RELATES_TO]->() } AS facts
  DETACH DELETE n
  RETURN count(*) AS deleted, sum(facts) AS deletedFacts
}
SET t.deletedNodes = t.deletedNodes + deleted, t.deletedFacts = t.deletedFacts + deletedFacts
RETURN deleted
