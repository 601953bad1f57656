// One page of threads for each of several users, newest first (createdAt, then threadId, descending),
// after a keyset cursor shared by all of them. Reads one row more than asked per user.
// Params: $projectId, $userUuids (list), $limit (page size + 1), $afterCreatedAt (ISO text or null), $afterThreadId.
// Returns: one row per input uuid, in input order: `threads` (list), `hasPrevious`, `totalCount`.
UNWIND range(0, size($userUuids) - 1) AS position
OPTIONAL MATCH (u:User {projectId: $projectId, uuid: $userUuids[position]})
CALL (u) {
  OPTIONAL MATCH (u)-[:HAS_THREAD]->(t:Thread)
  WHERE $afterCreatedAt IS NULL
     OR t.createdAt < datetime($afterCreatedAt)
     OR (t.createdAt = datetime($afterCreatedAt) AND t.threadId < $afterThreadId)
  WITH t ORDER BY t.createdAt DESC, t.threadId DESC LIMIT $limit
  RETURN collect(t {.*, messageCount: COUNT { (t)-[:HAS_MESSAGE]->() }}) AS threads
}
RETURN position, threads,
  $afterCreatedAt IS NOT NULL AND EXISTS {
    MATCH (u)-[:HAS_THREAD]->(p:Thread)
    WHERE p.createdAt > datetime($afterCreatedAt)
       OR (p.createdAt = datetime($afterCreatedAt) AND p.threadId >= $afterThreadId)
  } AS hasPrevious,
  COUNT { (u)-[:HAS_THREAD]->(:Thread) } AS totalCount
ORDER BY position
