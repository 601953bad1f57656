// Removes a thread and its messages in one transaction; the user and the user's graph node stay.
// Params: $projectId, $threadId.
// Returns: one row, `deletedMessages`; no row for an unknown thread.
MATCH (:User)-[:HAS_THREAD]->(t:Thread {projectId: $projectId, threadId: $threadId})
CALL (t) {
  OPTIONAL MATCH (t)-[:HAS_MESSAGE]->(m:Message)
  DETACH DELETE m
  RETURN count(m) AS deletedMessages
}
DETACH DELETE t
RETURN deletedMessages
