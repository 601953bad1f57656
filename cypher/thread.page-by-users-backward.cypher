// One page of threads for each of several users, read backwards from a keyset cursor shared by all of
// them: the threads just before it in newest-first order, nearest first. Reads one row more than asked.
// Params: $projectId, $userUuids (list), $limit (page size + 1), $beforeCreatedAt (ISO text or null), $beforeThreadId.
// Returns: one row per input uuid, in input order: `threads` (list), `hasNext`, `totalCount`.
UNWIND range(0, size($userUuids) - 1) AS position
OPTIONAL MATCH (u:User {projectId: $projectId, uuid: $userUuids[position]})
CALL (u) {
  OPTIONAL MATCH (u)-[:HAS_THREAD]->(t:Thread)
  WHERE $beforeCreatedAt IS NULL
     OR t.createdAt > datetime($beforeCreatedAt)
     OR (t.createdAt = datetime($beforeCreatedAt) AND t.threadId > $beforeThreadId)
  WITH t ORDER BY t.createdAt ASC, t.threadId ASC LIMIT $limit
  RETURN collect(t {.*, messageCount: COUNT { (t)-[:HAS_MESSAGE]->() }}) AS threads
}
RETURN position, threads,
  $beforeCreatedAt IS NOT NULL AND EXISTS {
    MATCH (u)-[:HAS_THREAD]->(n:Thread)
    WHERE n.createdAt < datetime($beforeCreatedAt)
       OR (n.createdAt = datetime($beforeCreatedAt) AND n.threadId <= $beforeThreadId)
  } AS hasNext,
  COUNT { (u)-[:HAS_THREAD]->(:Thread) } AS totalCount
ORDER BY position
