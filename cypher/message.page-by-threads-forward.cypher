// One page of messages for each of several threads, oldest first (by the order they were added), after
// a keyset cursor shared by all of them, or from the start. Reads one row more than asked per thread, in
// order from the thread's stretch of message_project_thread_seq (seq is never negative, so -1 stands for
// "from the start" and one range read serves both). The ORDER BY names the index's fixed leading
// properties too, which is how the planner sees the index already gives the order.
// Params: $projectId, $threadUuids (list), $limit (page size + 1), $afterSeq (integer or null).
// Returns: one row per input uuid, in input order: `messages` (list), `hasPrevious`.
UNWIND range(0, size($threadUuids) - 1) AS position
WITH position, $threadUuids[position] AS threadUuid
CALL (threadUuid) {
  MATCH (m:Message {projectId: $projectId, threadUuid: threadUuid})
  USING INDEX SEEK m:Message(projectId, threadUuid, seq)
  WHERE m.seq > coalesce($afterSeq, -1)
  WITH m ORDER BY m.projectId ASC, m.threadUuid ASC, m.seq ASC LIMIT $limit
  RETURN collect(m {.uuid, .seq, .role, .name, .content, .metadata, .processed, createdAt: m.createdAt.epochMillis}) AS messages
}
RETURN position, messages,
  $afterSeq IS NOT NULL AND EXISTS {
    MATCH (p:Message {projectId: $projectId, threadUuid: threadUuid}) WHERE p.seq <= $afterSeq
  } AS hasPrevious
ORDER BY position
