// One page of the users connection, newest first (createdAt, then userId, both descending), after a
// keyset cursor. Reads one row more than asked so the caller knows whether another page follows.
// Params: $projectId, $limit (page size + 1), $afterCreatedAt (ISO text or null), $afterUserId.
// Returns: `users` (list, in connection order), `hasPrevious`, `totalCount`.
CALL () {
  MATCH (u:User {projectId: $projectId})
  WHERE $afterCreatedAt IS NULL
     OR u.createdAt < datetime($afterCreatedAt)
     OR (u.createdAt = datetime($afterCreatedAt) AND u.userId < $afterUserId)
  RETURN u
  ORDER BY u.createdAt DESC, u.userId DESC
  LIMIT $limit
}
WITH collect(u {.*}) AS users
RETURN users,
  $afterCreatedAt IS NOT NULL AND EXISTS {
    MATCH (p:User {projectId: $projectId})
    WHERE p.createdAt > datetime($afterCreatedAt)
       OR (p.createdAt = datetime($afterCreatedAt) AND p.userId >= $afterUserId)
  } AS hasPrevious,
  COUNT { MATCH (all:User {projectId: $projectId}) } AS totalCount
