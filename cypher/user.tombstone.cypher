// Starts, or resumes, the deletion of a user. The user trades the User label for DeletedUser at once, so
// every read stops seeing them and the userId is free again, while their world is removed in batches.
// Counters on the tombstone survive an interruption, so the finishing call reports the whole deletion.
// Hiding the user takes one from the project's user counter (a random stripe of the 16 that counter.add
// writes) in this same statement, so the count follows the hiding exactly once, whichever caller runs it.
// The first SET takes the user's lock; the label is read again after it, so of two concurrent calls only
// the first hides (and counts) the user, and the second goes on to finish the same deletion.
// Params: $projectId, $userId.
// Returns: one row per deletion to finish (normally one), `groupId`; no row for an unknown user.
CALL () {
  MATCH (u:User {projectId: $projectId, userId: $userId})
  SET u.worldWrittenAt = datetime()
  WITH u
  WHERE u:User
  REMOVE u:User
  SET u:DeletedUser,
      u.deletionStartedAt = datetime(),
      u.deletedThreads = 0,
      u.deletedMessages = 0,
      u.deletedFacts = 0,
      u.deletedNodes = 0
  WITH toInteger(rand() * 16) AS stripe
  MERGE (c:Counter {projectId: $projectId, name: 'users', stripe: stripe})
  ON CREATE SET c.count = 0
  SET c.count = c.count - 1
}
MATCH (t:DeletedUser {projectId: $projectId, userId: $userId})
RETURN DISTINCT t.groupId AS groupId
