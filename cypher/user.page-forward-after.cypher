// A page of the users connection after a keyset cursor, newest first (createdAt, then userId, both
// descending). "Before the cursor in this order" is two index ranges read in index order: the cursor's own
// millisecond with a smaller userId, then every earlier millisecond; each stops at $limit, and the first
// range's users all come before the second's. Reads one row more than asked so the caller knows whether
// another page follows.
// Params: $projectId, $limit (page size + 1), $afterCreatedAt (ISO text), $afterUserId.
//         $withNode (the user's graph node as `node`), $threadLimit (0, or the user's newest threads as
//         `threads`, as thread.page-by-users-forward reads them, at most this many): so that a page of users
//         with their nodes and first threads is one statement, not three.
// Returns: one row, `users` (list, in connection order, instants as epoch milliseconds), `hasPrevious`
//          (whether any user sits at or above the cursor).
CALL () {
  MATCH (u:User {projectId: $projectId})
  USING INDEX SEEK u:User(projectId, createdAt, userId)
  WHERE u.createdAt = datetime($afterCreatedAt) AND u.userId < $afterUserId
  WITH u
  ORDER BY u.projectId DESC, u.createdAt DESC, u.userId DESC
  LIMIT $limit
  RETURN collect(u) AS sameInstant
}
CALL () {
  MATCH (u:User {projectId: $projectId})
  USING INDEX SEEK u:User(projectId, createdAt, userId)
  WHERE u.createdAt < datetime($afterCreatedAt) AND u.userId IS NOT NULL
  WITH u
  ORDER BY u.projectId DESC, u.createdAt DESC, u.userId DESC
  LIMIT $limit
  RETURN collect(u) AS older
}
RETURN [u IN (sameInstant + older)[0..$limit] |
         u {.projectId, .userId, .uuid, .email, .firstName, .lastName, .metadataKeys, .metadataValues,
            createdAt: u.createdAt.epochMillis, updatedAt: u.updatedAt.epochMillis,
            // Brought along when the query selects them (see Params): the graph node, and the first threads.
            node: CASE WHEN $withNode THEN [(u)-[:HAS_NODE]->(n:Entity) |
              n {.uuid, .groupId, .name, .summary, .labels, .attributes, createdAt: n.createdAt.epochMillis}][0] END,
            threads: CASE WHEN $threadLimit > 0 THEN COLLECT {
              MATCH (t:Thread {projectId: $projectId, groupId: u.uuid})
              USING INDEX SEEK t:Thread(projectId, groupId, createdAt, threadId)
              WHERE t.createdAt IS NOT NULL AND t.threadId IS NOT NULL
              WITH t ORDER BY t.projectId DESC, t.groupId DESC, t.createdAt DESC, t.threadId DESC LIMIT $threadLimit
              RETURN t {.threadId, .uuid, .userId, .groupId, .metadata, createdAt: t.createdAt.epochMillis,
                updatedAt: t.updatedAt.epochMillis, messageCount: t.nextSeq}
            } END}] AS users,
  EXISTS {
    MATCH (p:User {projectId: $projectId})
    USING INDEX SEEK p:User(projectId, createdAt, userId)
    WHERE p.createdAt > datetime($afterCreatedAt) AND p.userId IS NOT NULL
  } OR EXISTS {
    MATCH (p:User {projectId: $projectId})
    USING INDEX SEEK p:User(projectId, createdAt, userId)
    WHERE p.createdAt = datetime($afterCreatedAt) AND p.userId >= $afterUserId
  } AS hasPrevious
