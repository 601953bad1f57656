// One page of the users connection read backwards from a keyset cursor: the users just before it in
// newest-first order, nearest first. Reads one row more than asked so the caller knows whether another
// page precedes.
// Params: $projectId, $limit (page size + 1), $beforeCreatedAt (ISO text or null), $beforeUserId.
// Returns: `users` (list, nearest to the cursor first), `hasNext`, `totalCount`.
CALL () {
  MATCH (u:User {projectId: $projectId})
  WHERE $beforeCreatedAt IS NULL
     OR u.createdAt > datetime($beforeCreatedAt)
     OR (u.createdAt = datetime($beforeCreatedAt) AND u.userId > $beforeUserId)
  RETURN u
  ORDER BY u.createdAt ASC, u.userId ASC
  LIMIT $limit
}
WITH collect(u {.*}) AS users
RETURN users,
  $beforeCreatedAt IS NOT NULL AND EXISTS {
    MATCH (n:User {projectId: $projectId})
    WHERE n.createdAt < datetime($beforeCreatedAt)
       OR (n.createdAt = datetime($beforeCreatedAt) AND n.userId <= $beforeUserId)
  } AS hasNext,
  COUNT { MATCH (all:User {projectId: $projectId}) } AS totalCount
