// Batch read of threads by threadId within a project; a thread whose user is being deleted is not found.
// Params: $projectId, $threadIds (list).
// Returns: one row per input id, in input order; `thread` is null for an unknown id.
UNWIND range(0, size($threadIds) - 1) AS position
OPTIONAL MATCH (:User)-[:HAS_THREAD]->(t:Thread {projectId: $projectId, threadId: $threadIds[position]})
RETURN position, CASE WHEN t IS NULL THEN null
  ELSE t {.*, messageCount: COUNT { (t)-[:HAS_MESSAGE]->() }} END AS thread
ORDER BY position
