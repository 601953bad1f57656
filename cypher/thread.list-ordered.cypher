// One numbered page of the project's threads (Zep's thread list_all). ORDER BY cannot take a parameter,
// so the chosen key is computed per row and sorted through two conditional keys, one ascending and one
// descending; the unused one is null for every row. Threads of a user being deleted are left out.
// Params: $projectId, $orderBy ('CREATED_AT' | 'UPDATED_AT' | 'USER_ID' | 'THREAD_ID'), $asc, $skip, $limit.
// Returns: one row: `threads` (list, in the requested order), `totalCount`.
CALL () {
  MATCH (:User)-[:HAS_THREAD]->(t:Thread {projectId: $projectId})
  RETURN count(t) AS totalCount
}
CALL () {
  MATCH (:User)-[:HAS_THREAD]->(t:Thread {projectId: $projectId})
  WITH t, CASE $orderBy
      WHEN 'UPDATED_AT' THEN t.updatedAt
      WHEN 'USER_ID' THEN t.userId
      WHEN 'THREAD_ID' THEN t.threadId
      ELSE t.createdAt END AS sortKey
  ORDER BY
    CASE WHEN $asc THEN sortKey END ASC,
    CASE WHEN NOT $asc THEN sortKey END DESC,
    CASE WHEN $asc THEN t.threadId END ASC,
    CASE WHEN NOT $asc THEN t.threadId END DESC
  SKIP $skip
  LIMIT $limit
  RETURN collect(t {.*, messageCount: COUNT { (t)-[:HAS_MESSAGE]->() }}) AS threads
}
RETURN threads, totalCount
