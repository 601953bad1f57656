// Batch read of threads by threadId within a project; a thread whose user is being deleted is not found.
// A thread's messageCount is its nextSeq: message.add raises it by the messages it adds, and messages
// only ever go with their thread, so no message is visited to count them.
// Params: $projectId, $threadIds (list).
// Returns: one row per input id, in input order; `thread` is null for an unknown id.
UNWIND range(0, size($threadIds) - 1) AS position
OPTIONAL MATCH (:User)-[:HAS_THREAD]->(t:Thread {projectId: $projectId, threadId: $threadIds[position]})
RETURN position, CASE WHEN t IS NULL THEN null
  ELSE t {.threadId, .uuid, .userId, .groupId, .metadata, createdAt: t.createdAt.epochMillis,
    updatedAt: t.updatedAt.epochMillis, messageCount: t.nextSeq} END AS thread
ORDER BY position
