// Creates a thread for a live user. Creating the relationship locks the user, so a deletion that began
// meanwhile is seen: `userLive` is then false and the caller rolls the transaction back.
// Params: $projectId, $userId, $threadId, $uuid, $metadata (JSON text or null).
// Returns: one row `thread` and `userLive`; no row for an unknown user. A taken threadId fails on the
// thread_project_thread_id constraint.
MATCH (u:User {projectId: $projectId, userId: $userId})
CREATE (u)-[:HAS_THREAD]->(t:Thread {
  projectId: $projectId,
  groupId: u.uuid,
  threadId: $threadId,
  uuid: $uuid,
  userId: u.userId,
  metadata: $metadata,
  nextSeq: 0,
  createdAt: datetime.truncate('millisecond', datetime()),
  updatedAt: datetime.truncate('millisecond', datetime())
})
RETURN t {.*, messageCount: 0} AS thread, u:User AS userLive
