// A page of the users connection read backwards from a keyset cursor: the users just before it in
// newest-first order, nearest first (createdAt, then userId, both ascending). As in user.page-forward-after,
// two index ranges in index order: the cursor's own millisecond with a greater userId, then every later
// millisecond. Reads one row more than asked so the caller knows whether another page precedes.
// Params: $projectId, $limit (page size + 1), $beforeCreatedAt (ISO text), $beforeUserId.
// Returns: one row, `users` (list, nearest to the cursor first, instants as epoch milliseconds), `hasNext`
//          (whether any user sits at or below the cursor).
CALL () {
  MATCH (u:User {projectId: $projectId})
  USING INDEX u:User(projectId, createdAt, userId)
  WHERE u.createdAt = datetime($beforeCreatedAt) AND u.userId > $beforeUserId
  WITH u
  ORDER BY u.projectId ASC, u.createdAt ASC, u.userId ASC
  LIMIT $limit
  RETURN collect(u) AS sameInstant
}
CALL () {
  MATCH (u:User {projectId: $projectId})
  USING INDEX u:User(projectId, createdAt, userId)
  WHERE u.createdAt > datetime($beforeCreatedAt) AND u.userId IS NOT NULL
  WITH u
  ORDER BY u.projectId ASC, u.createdAt ASC, u.userId ASC
  LIMIT $limit
  RETURN collect(u) AS newer
}
RETURN [u IN (sameInstant + newer)[0..$limit] |
         u {.projectId, .userId, .uuid, .email, .firstName, .lastName, .metadataKeys, .metadataValues,
            createdAt: u.createdAt.epochMillis, updatedAt: u.updatedAt.epochMillis}] AS users,
  EXISTS {
    MATCH (n:User {projectId: $projectId})
    USING INDEX n:User(projectId, createdAt, userId)
    WHERE n.createdAt < datetime($beforeCreatedAt) AND n.userId IS NOT NULL
  } OR EXISTS {
    MATCH (n:User {projectId: $projectId})
    USING INDEX n:User(projectId, createdAt, userId)
    WHERE n.createdAt = datetime($beforeCreatedAt) AND n.userId <= $beforeUserId
  } AS hasNext
