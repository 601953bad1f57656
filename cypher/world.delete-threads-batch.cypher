// Deletes up to $batchSize threads of one user's world (their messages went first) and, in the same
// transaction, adds the number to the counter on the user's tombstone and takes it off the project's
// "threads" counter (see counter.add: a random one of its 16 stripes), so each thread is uncounted once.
// The tombstone's lock is taken first, as every write to a user's world takes the user's lock first.
// Params: $projectId, $groupId, $batchSize.
// Returns: one row, `deleted` (0 when none are left).
MATCH (tombstone:DeletedUser {projectId: $projectId, groupId: $groupId})
SET tombstone.deletionBatches = coalesce(tombstone.deletionBatches, 0) + 1
WITH tombstone
CALL (tombstone) {
  MATCH (t:Thread {projectId: $projectId, groupId: $groupId})
  WITH t LIMIT $batchSize
  DETACH DELETE t
  RETURN count(*) AS deleted
}
SET tombstone.deletedThreads = tombstone.deletedThreads + deleted
WITH deleted
CALL (deleted) {
  // The stripe is drawn once, before MERGE: inside the pattern rand() would be drawn again for the create
  // after the match, and create a stripe that exists.
  WITH deleted, toInteger(rand() * 16) AS stripe
  WHERE deleted > 0
  MERGE (c:Counter {projectId: $projectId, name: 'threads', stripe: stripe})
  ON CREATE SET c.count = 0
  SET c.count = c.count - deleted
}
RETURN deleted
