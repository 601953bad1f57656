// The last page of the users connection read backwards: the oldest users (createdAt, then userId, both
// ascending), nearest the end first, in the order of the user_project_created_at_user_id index. Reads one
// row more than asked so the caller knows whether another page precedes; nothing follows the last page.
// Params: $projectId, $limit (page size + 1).
// Returns: one row, `users` (list, oldest first, instants as epoch milliseconds).
MATCH (u:User {projectId: $projectId})
USING INDEX u:User(projectId, createdAt, userId)
WHERE u.createdAt IS NOT NULL AND u.userId IS NOT NULL
// projectId leads the ORDER BY because the index provides its order only from its first property on.
WITH u
ORDER BY u.projectId ASC, u.createdAt ASC, u.userId ASC
LIMIT $limit
RETURN collect(u {.projectId, .userId, .uuid, .email, .firstName, .lastName, .metadataKeys, .metadataValues,
                  createdAt: u.createdAt.epochMillis, updatedAt: u.updatedAt.epochMillis}) AS users
