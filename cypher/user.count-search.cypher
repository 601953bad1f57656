// usersOrdered's totalCount with a search: how many users of the project match it, found as
// user.list-ordered-search finds them (the four text indexes on the lower-cased copies).
// Params: $projectId, $search (lower-case text).
// Returns: one row, `count`.
CALL () {
  MATCH (u:User)
  USING TEXT INDEX u:User(userIdLower)
  WHERE u.userIdLower CONTAINS $search AND u.projectId = $projectId
  RETURN u
  UNION
  MATCH (u:User)
  USING TEXT INDEX u:User(emailLower)
  WHERE u.emailLower CONTAINS $search AND u.projectId = $projectId
  RETURN u
  UNION
  MATCH (u:User)
  USING TEXT INDEX u:User(firstNameLower)
  WHERE u.firstNameLower CONTAINS $search AND u.projectId = $projectId
  RETURN u
  UNION
  MATCH (u:User)
  USING TEXT INDEX u:User(lastNameLower)
  WHERE u.lastNameLower CONTAINS $search AND u.projectId = $projectId
  RETURN u
}
RETURN count(u) AS count
