// A page of the users connection after a keyset cursor, newest first (createdAt, then userId, both
// descending). "Before the cursor in this order" is two index ranges read in index order: the cursor's own
// millisecond with a smaller userId, then every earlier millisecond; each stops at $limit, and the first
// range's users all come before the second's. Reads one row more than asked so the caller knows whether
// another page follows.
// Params: $projectId, $limit (page size + 1), $afterCreatedAt (ISO text), $afterUserId.
// Returns: one row, `users` (list, in connection order, instants as epoch milliseconds), `hasPrevious`
//          (whether any user sits at or above the cursor).
CALL () {
  MATCH (u:User {projectId: $projectId})
  USING INDEX u:User(projectId, createdAt, userId)
  WHERE u.createdAt = datetime($afterCreatedAt) AND u.userId < $afterUserId
  WITH u
  ORDER BY u.projectId DESC, u.createdAt DESC, u.userId DESC
  LIMIT $limit
  RETURN collect(u) AS sameInstant
}
CALL () {
  MATCH (u:User {projectId: $projectId})
  USING INDEX u:User(projectId, createdAt, userId)
  WHERE u.createdAt < datetime($afterCreatedAt) AND u.userId IS NOT NULL
  WITH u
  ORDER BY u.projectId DESC, u.createdAt DESC, u.userId DESC
  LIMIT $limit
  RETURN collect(u) AS older
}
RETURN [u IN (sameInstant + older)[0..$limit] |
         u {.projectId, .userId, .uuid, .email, .firstName, .lastName, .metadataKeys, .metadataValues,
            createdAt: u.createdAt.epochMillis, updatedAt: u.updatedAt.epochMillis}] AS users,
  EXISTS {
    MATCH (p:User {projectId: $projectId})
    USING INDEX p:User(projectId, createdAt, userId)
    WHERE p.createdAt > datetime($afterCreatedAt) AND p.userId IS NOT NULL
  } OR EXISTS {
    MATCH (p:User {projectId: $projectId})
    USING INDEX p:User(projectId, createdAt, userId)
    WHERE p.createdAt = datetime($afterCreatedAt) AND p.userId >= $afterUserId
  } AS hasPrevious
