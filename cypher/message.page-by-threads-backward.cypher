// One page of messages for each of several threads, read backwards from a keyset cursor shared by all
// of them, or from the end: the messages just before it, nearest first. Reads one row more than asked per
// thread, in order from the thread's stretch of message_project_thread_seq (no cursor reads from the
// largest seq a cursor can hold, so one range read serves both). The ORDER BY names the index's fixed
// leading properties too, which is how the planner sees the index already gives the order.
// Params: $projectId, $threadUuids (list), $limit (page size + 1), $beforeSeq (integer or null).
// Returns: one row per input uuid, in input order: `messages` (list), `hasNext`.
UNWIND range(0, size($threadUuids) - 1) AS position
WITH position, $threadUuids[position] AS threadUuid
CALL (threadUuid) {
  MATCH (m:Message {projectId: $projectId, threadUuid: threadUuid})
  USING INDEX SEEK m:Message(projectId, threadUuid, seq)
  WHERE m.seq < coalesce($beforeSeq, 9007199254740991)
  WITH m ORDER BY m.projectId DESC, m.threadUuid DESC, m.seq DESC LIMIT $limit
  RETURN collect(m {.uuid, .seq, .role, .name, .content, .metadata, .processed, createdAt: m.createdAt.epochMillis}) AS messages
}
RETURN position, messages,
  $beforeSeq IS NOT NULL AND EXISTS {
    MATCH (n:Message {projectId: $projectId, threadUuid: threadUuid}) WHERE n.seq >= $beforeSeq
  } AS hasNext
ORDER BY position
