// The first page of the users connection, newest first (createdAt, then userId, both descending), read in
// the order of the user_project_created_at_user_id index, so it reads only the page's entries. Reads one
// row more than asked so the caller knows whether another page follows; nothing precedes the first page.
// Params: $projectId, $limit (page size + 1).
// Returns: one row, `users` (list, in connection order, instants as epoch milliseconds).
MATCH (u:User {projectId: $projectId})
USING INDEX u:User(projectId, createdAt, userId)
WHERE u.createdAt IS NOT NULL AND u.userId IS NOT NULL
// projectId leads the ORDER BY because the index provides its order only from its first property on.
WITH u
ORDER BY u.projectId DESC, u.createdAt DESC, u.userId DESC
LIMIT $limit
RETURN collect(u {.projectId, .userId, .uuid, .email, .firstName, .lastName, .metadataKeys, .metadataValues,
                  createdAt: u.createdAt.epochMillis, updatedAt: u.updatedAt.epochMillis}) AS users
