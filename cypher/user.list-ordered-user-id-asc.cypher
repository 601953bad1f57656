// One numbered page of usersOrdered (Zep's list_ordered) without a search, by userId ascending, read in the
// order of the user_project_user_id index: SKIP walks index entries only, so any page number answers in
// bounded memory.
// Params: $projectId, $skip, $limit.
// Returns: one row per user of the page, in order: `user` (instants as epoch milliseconds).
MATCH (u:User {projectId: $projectId})
USING INDEX SEEK u:User(projectId, userId)
WHERE u.userId IS NOT NULL
// projectId leads the ORDER BY because the index provides its order only from its first property on.
WITH u
ORDER BY u.projectId ASC, u.userId ASC
SKIP $skip
LIMIT $limit
RETURN u {.projectId, .userId, .uuid, .email, .firstName, .lastName, .metadataKeys, .metadataValues,
          createdAt: u.createdAt.epochMillis, updatedAt: u.updatedAt.epochMillis} AS user
