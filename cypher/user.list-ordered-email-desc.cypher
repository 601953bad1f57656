// One numbered page of usersOrdered (Zep's list_ordered) without a search, by email descending, users without
// one first, userId breaking ties, read in the order of the user_project_email_key_user_id index: SKIP walks
// index entries only, so any page number answers in bounded memory. emailKey ('0' + email, or '1' without
// one) orders as email with null emails first, as Cypher sorts them.
// Params: $projectId, $skip, $limit.
// Returns: one row per user of the page, in order: `user` (instants as epoch milliseconds).
MATCH (u:User {projectId: $projectId})
USING INDEX SEEK u:User(projectId, emailKey, userId)
WHERE u.emailKey IS NOT NULL AND u.userId IS NOT NULL
// projectId leads the ORDER BY because the index provides its order only from its first property on.
WITH u
ORDER BY u.projectId DESC, u.emailKey DESC, u.userId DESC
SKIP $skip
LIMIT $limit
RETURN u {.projectId, .userId, .uuid, .email, .firstName, .lastName, .metadataKeys, .metadataValues,
          createdAt: u.createdAt.epochMillis, updatedAt: u.updatedAt.epochMillis} AS user
