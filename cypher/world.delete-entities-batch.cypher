// Deletes up to $batchSize graph nodes of one user's world, with their facts, and adds what it removed to
// the counters on the user's tombstone, in the same transaction.
// Params: $projectId, $groupId, $batchSize.
// Returns: one row, `deleted`, how many nodes went (0 when none are left).
MATCH (t:DeletedUser {projectId: $projectId, groupId: $groupId})
CALL (t) {
  MATCH (n:Entity {projectId: $projectId, groupId: $groupId})
  WITH n LIMIT $batchSize
  WITH n, COUNT { (n)-[:RELATES_TO]->() } AS facts
  DETACH DELETE n
  RETURN count(*) AS deleted, sum(facts) AS deletedFacts
}
SET t.deletedNodes = t.deletedNodes + deleted, t.deletedFacts = t.deletedFacts + deletedFacts
RETURN deleted
