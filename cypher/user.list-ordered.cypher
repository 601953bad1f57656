// One numbered page of users (Zep's list_ordered), filtered by a case-insensitive substring.
// ORDER BY cannot take a parameter, so the chosen key is computed per row and sorted through two
// conditional keys, one ascending and one descending; the unused one is null for every row.
// Params: $projectId, $search (lower-case text or null), $orderBy ('CREATED_AT' | 'USER_ID' | 'EMAIL'),
//         $asc, $skip, $limit.
// Returns: one row: `users` (list, in the requested order), `totalCount` (size of the filtered set).
CALL () {
  MATCH (u:User {projectId: $projectId})
  WHERE $search IS NULL
     OR toLower(u.userId) CONTAINS $search
     OR toLower(coalesce(u.email, '')) CONTAINS $search
     OR toLower(coalesce(u.firstName, '')) CONTAINS $search
     OR toLower(coalesce(u.lastName, '')) CONTAINS $search
  RETURN count(u) AS totalCount
}
CALL () {
  MATCH (u:User {projectId: $projectId})
  WHERE $search IS NULL
     OR toLower(u.userId) CONTAINS $search
     OR toLower(coalesce(u.email, '')) CONTAINS $search
     OR toLower(coalesce(u.firstName, '')) CONTAINS $search
     OR toLower(coalesce(u.lastName, '')) CONTAINS $search
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
  RETURN collect(u {.*}) AS users
}
RETURN users, totalCount
