// A page of the users connection read backwards from a keyset cursor: the users just before it in
// newest-first order, nearest first (createdAt, then userId, both ascending). As in user.page-forward-after,
// two index ranges in index order: the cursor's own millisecond with a greater userId, then every later
// millisecond. Reads one row more than asked so the caller knows whether another page precedes.
// Params: $projectId, $limit (page size + 1), $beforeCreatedAt (ISO text), $beforeUserId.
//         $withNode (the user's graph node as `node`), $threadLimit (0, or the user's newest threads as
//         `threads`, as thread.page-by-users-forward reads them, at most this many): so that a page of users
//         with their nodes and first threads is one statement, not three.
// Returns: one row, `users` (list, nearest to the cursor first, instants as epoch milliseconds), `hasNext`
//          (whether any user sits at or below the cursor).
CALL () {
  MATCH (u:User {projectId: $projectId})
  USING INDEX SEEK u:User(projectId, createdAt, userId)
  WHERE u.createdAt = datetime($beforeCreatedAt) AND u.userId > $beforeUserId
  WITH u
  ORDER BY u.projectId ASC, u.createdAt ASC, u.userId ASC
  LIMIT $limit
  RETURN collect(u) AS sameInstant
}
CALL () {
  MATCH (u:User {projectId: $projectId})
  USING INDEX SEEK u:User(projectId, createdAt, userId)
  WHERE u.createdAt > datetime($beforeCreatedAt) AND u.userId IS NOT NULL
  WITH u
  ORDER BY u.projectId ASC, u.createdAt ASC, u.userId ASC
  LIMIT $limit
  RETURN collect(u) AS newer
}
RETURN [u IN (sameInstant + newer)[0..$limit] |
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
    MATCH (n:User {projectId: $projectId})
    USING INDEX SEEK n:User(projectId, createdAt, userId)
    WHERE n.createdAt < datetime($beforeCreatedAt) AND n.userId IS NOT NULL
  } OR EXISTS {
    MATCH (n:User {projectId: $projectId})
    USING INDEX SEEK n:User(projectId, createdAt, userId)
    WHERE n.createdAt = datetime($beforeCreatedAt) AND n.userId <= $beforeUserId
  } AS hasNext
