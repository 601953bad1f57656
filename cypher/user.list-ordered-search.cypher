// One numbered page of usersOrdered filtered by a case-insensitive substring of userId, email, firstName or
// lastName. The text index on searchText finds the matches (of every project, so the statement keeps the
// project's); only the matches are sorted, never the whole project. The order is the
// one user.list-ordered and its siblings read from indexes: the chosen key, then userId, both in the
// requested direction, null emails last ascending. ORDER BY cannot take a parameter, so the key is
// computed per row and sorted through two conditional keys; the unused one is null for every row.
// Params: $projectId, $search (lower-case text), $orderBy ('CREATED_AT' | 'USER_ID' | 'EMAIL'), $asc, $skip,
//         $limit.
// Returns: one row per user of the page, in order: `user` (instants as epoch milliseconds).
MATCH (u:User)
USING TEXT INDEX u:User(searchText)
WHERE u.searchText CONTAINS $search AND u.projectId = $projectId
  // A search that spans two fields' lines is not a match of either. Without a line break it cannot span
  // them, and reading the four fields back cost half of the statement's store reads.
  AND (NOT $search CONTAINS '\n' OR toLower(u.userId) CONTAINS $search OR toLower(u.email) CONTAINS $search
       OR toLower(u.firstName) CONTAINS $search OR toLower(u.lastName) CONTAINS $search)
WITH u, CASE $orderBy
    WHEN 'USER_ID' THEN u.userId
    WHEN 'EMAIL' THEN u.email
    ELSE u.createdAt END AS sortKey
ORDER BY
  CASE WHEN $asc THEN sortKey END ASC,
  CASE WHEN NOT $asc THEN sortKey END DESC,
  CASE WHEN $asc THEN u.userId END ASC,
  CASE WHEN NOT $asc THEN u.userId END DESC
SKIP $skip
LIMIT $limit
RETURN u {.projectId, .userId, .uuid, .email, .firstName, .lastName, .metadataKeys, .metadataValues,
          createdAt: u.createdAt.epochMillis, updatedAt: u.updatedAt.epochMillis} AS user
