// The first page of threads for each of several users, newest first (createdAt, then threadId,
// descending). Reads one row more than asked per user, in order from the user's stretch of
// thread_project_group_created_at_thread_id: the ORDER BY names the index's leading properties too (fixed
// here), which is how the planner sees that the index already gives the order and no sort is needed.
// Params: $projectId, $userUuids (list), $limit (page size + 1).
// Returns: one row per input uuid, in input order: `threads` (list). Nothing precedes a first page.
UNWIND range(0, size($userUuids) - 1) AS position
OPTIONAL MATCH (u:User {projectId: $projectId, uuid: $userUuids[position]})
CALL (u) {
  MATCH (t:Thread {projectId: $projectId, groupId: u.uuid})
  USING INDEX SEEK t:Thread(projectId, groupId, createdAt, threadId)
  WHERE t.createdAt IS NOT NULL AND t.threadId IS NOT NULL
  WITH t ORDER BY t.projectId DESC, t.groupId DESC, t.createdAt DESC, t.threadId DESC LIMIT $limit
  RETURN collect(t {.threadId, .uuid, .userId, .groupId, .metadata, createdAt: t.createdAt.epochMillis,
    updatedAt: t.updatedAt.epochMillis, messageCount: t.nextSeq}) AS threads
}
RETURN position, threads
ORDER BY position
