// The first page of the users connection, newest first (createdAt, then userId, both descending), read in
// the order of the user_project_created_at_user_id index, so it reads only the page's entries. Reads one
// row more than asked so the caller knows whether another page follows; nothing precedes the first page.
// Params: $projectId, $limit (page size + 1).
//         $withNode (the user's graph node as `node`), $threadLimit (0, or the user's newest threads as
//         `threads`, as thread.page-by-users-forward reads them, at most this many): so that a page of users
//         with their nodes and first threads is one statement, not three.
// Returns: one row, `users` (list, in connection order, instants as epoch milliseconds).
MATCH (u:User {projectId: $projectId})
USING INDEX SEEK u:User(projectId, createdAt, userId)
WHERE u.createdAt IS NOT NULL AND u.userId IS NOT NULL
// projectId leads the ORDER BY because the index provides its order only from its first property on.
WITH u
ORDER BY u.projectId DESC, u.createdAt DESC, u.userId DESC
LIMIT $limit
RETURN collect(u {.projectId, .userId, .uuid, .email, .firstName, .lastName, .metadataKeys, .metadataValues,
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
                  } END}) AS users
