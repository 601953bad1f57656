// The last page of threads for each of several users (`last` without `before`): the oldest threads,
// read oldest first from the user's stretch of thread_project_group_created_at_thread_id, nearest the
// end first. The ORDER BY names the index's fixed leading properties too, so the index gives the order.
// Reads one row more than asked per user.
// Params: $projectId, $userUuids (list), $limit (page size + 1).
// Returns: one row per input uuid, in input order: `threads` (list). Nothing follows a last page.
UNWIND range(0, size($userUuids) - 1) AS position
OPTIONAL MATCH (u:User {projectId: $projectId, uuid: $userUuids[position]})
CALL (u) {
  MATCH (t:Thread {projectId: $projectId, groupId: u.uuid})
  USING INDEX SEEK t:Thread(projectId, groupId, createdAt, threadId)
  WHERE t.createdAt IS NOT NULL AND t.threadId IS NOT NULL
  WITH t ORDER BY t.projectId ASC, t.groupId ASC, t.createdAt ASC, t.threadId ASC LIMIT $limit
  RETURN collect(t {.threadId, .uuid, .userId, .groupId, .metadata, createdAt: t.createdAt.epochMillis,
    updatedAt: t.updatedAt.epochMillis, messageCount: t.nextSeq}) AS threads
}
RETURN position, threads
ORDER BY position
