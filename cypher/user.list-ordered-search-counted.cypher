// A numbered page of a search and how many users it matches, both from one read of the text index, for
// usersOrdered with totalCount (and Zep's users-ordered, which always answers total_count): the matches
// are read once instead of once for the page and once more for the count. Only the first $maxMatches + 1
// matches are read, so that the sort below holds a bounded number of rows; a search that matches more
// returns `matched` above $maxMatches and no users, and the caller reads the page and the count apart
// (user.list-ordered-search, user.count-search). The match and the order are user.list-ordered-search's.
// Params: $projectId, $search (lower-case text), $orderBy ('CREATED_AT' | 'USER_ID' | 'EMAIL'), $asc, $skip,
//         $limit, $maxMatches.
// Returns: one row: `matched` (how many users match, up to $maxMatches + 1), `users` (the page, in order;
//          instants as epoch milliseconds).
MATCH (u:User)
USING TEXT INDEX u:User(searchText)
WHERE u.searchText CONTAINS $search AND u.projectId = $projectId
  AND (NOT $search CONTAINS '\n' OR toLower(u.userId) CONTAINS $search OR toLower(u.email) CONTAINS $search
       OR toLower(u.firstName) CONTAINS $search OR toLower(u.lastName) CONTAINS $search)
WITH u
LIMIT $maxMatches + 1
WITH u, CASE $orderBy
    WHEN 'USER_ID' THEN u.userId
    WHEN 'EMAIL' THEN u.email
    ELSE u.createdAt END AS sortKey
ORDER BY
  CASE WHEN $asc THEN sortKey END ASC,
  CASE WHEN NOT $asc THEN sortKey END DESC,
  CASE WHEN $asc THEN u.userId END ASC,
  CASE WHEN NOT $asc THEN u.userId END DESC
// collect keeps the order of the rows it is given.
WITH collect(u) AS matches
RETURN size(matches) AS matched,
  CASE WHEN size(matches) > $maxMatches THEN [] ELSE [u IN matches[$skip..$skip + $limit] |
    u {.projectId, .userId, .uuid, .email, .firstName, .lastName, .metadataKeys, .metadataValues,
       createdAt: u.createdAt.epochMillis, updatedAt: u.updatedAt.epochMillis}] END AS users
