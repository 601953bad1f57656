// Starts, or resumes, the deletion of a user. The user trades the User label for DeletedUser at once, so
// every read stops seeing them and the userId is free again, while their world is removed in batches.
// Counters on the tombstone survive an interruption, so the finishing call reports the whole deletion.
// Params: $projectId, $userId.
// Returns: one row per deletion to finish (normally one), `groupId`; no row for an unknown user.
CALL () {
  MATCH (u:User {projectId: $projectId, userId: $userId})
  REMOVE u:User
  SET u:DeletedUser,
      u.deletionStartedAt = datetime(),
      u.deletedThreads = 0,
      u.deletedMessages = 0,
      u.deletedFacts = 0,
      u.deletedNodes = 0
  RETURN u
  UNION
  MATCH (u:DeletedUser {projectId: $projectId, userId: $userId})
  RETURN u
}
RETURN DISTINCT u.groupId AS groupId
