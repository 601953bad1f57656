// usersOrdered's totalCount with a search: how many users of the project match it, found as
// user.list-ordered-search finds them (the text index on searchText).
// Params: $projectId, $search (lower-case text).
// Returns: one row, `count`.
MATCH (u:User)
USING TEXT INDEX u:User(searchText)
WHERE u.searchText CONTAINS $search AND u.projectId = $projectId
  // A search that spans two fields' lines is not a match of either. Without a line break it cannot span
  // them, and reading the four fields back cost half of the statement's store reads.
  AND (NOT $search CONTAINS '\n' OR toLower(u.userId) CONTAINS $search OR toLower(u.email) CONTAINS $search
       OR toLower(u.firstName) CONTAINS $search OR toLower(u.lastName) CONTAINS $search)
RETURN count(u) AS count
