// What the context blocks of some threads start from: the user's world and summary, and the content of
// each thread's last two messages (the conversation slice that decides what is relevant), read from the
// end of the thread's stretch of message_project_thread_seq, however long the thread.
// Params: $projectId, $threadUuids (list).
// Returns: one row per input uuid, in input order: `groupId`, `userSummary`, `recent` (list of contents,
// newest first); nulls for an unknown thread.
UNWIND range(0, size($threadUuids) - 1) AS position
OPTIONAL MATCH (u:User)-[:HAS_THREAD]->(t:Thread {uuid: $threadUuids[position]})
WHERE t.projectId = $projectId
OPTIONAL MATCH (u)-[:HAS_NODE]->(userNode:Entity)
CALL (t) {
  MATCH (m:Message {projectId: $projectId, threadUuid: t.uuid})
  USING INDEX SEEK m:Message(projectId, threadUuid, seq)
  WHERE m.seq IS NOT NULL
  WITH m ORDER BY m.projectId DESC, m.threadUuid DESC, m.seq DESC LIMIT 2
  RETURN collect(m.content) AS recent
}
RETURN position, u.uuid AS groupId, userNode.summary AS userSummary, recent
ORDER BY position
