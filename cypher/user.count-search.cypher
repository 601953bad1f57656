// usersOrdered's totalCount with a search: how many users of the project match it, found as
// user.list-ordered-search finds them (the text index on searchText).
// Params: $projectId, $search (lower-case text).
// Returns: one row, `count`.
MATCH (u:User)
USING TEXT INDEX u:User(searchText)
WHERE u.searchText CONTAINS $search AND u.projectId = $projectId
  // A search that spans two fields' lines is not a match of either.
  AND (toLower(u.userId) CONTAINS $search OR toLower(u.email) CONTAINS $search
       OR toLower(u.firstName) CONTAINS $search OR toLower(u.lastName) CONTAINS $search)
RETURN count(u) AS count
