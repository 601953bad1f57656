// One page of threads for each of several users, read backwards from a keyset cursor shared by all of
// them: the threads just before it in newest-first order, nearest first. Two index reads, each in order
// and cut at the page (the cursor's own instant with a higher threadId, then the newer ones), so ties at
// one instant cost nothing to pass; only the two short lists are sorted. Reads one row more than asked.
// Params: $projectId, $userUuids (list), $limit (page size + 1), $beforeCreatedAt (ISO text), $beforeThreadId.
// Returns: one row per input uuid, in input order: `threads` (list), `hasNext`.
UNWIND range(0, size($userUuids) - 1) AS position
OPTIONAL MATCH (u:User {projectId: $projectId, uuid: $userUuids[position]})
CALL (u) {
  CALL (u) {
    MATCH (t:Thread {projectId: $projectId, groupId: u.uuid, createdAt: datetime($beforeCreatedAt)})
    USING INDEX SEEK t:Thread(projectId, groupId, createdAt, threadId)
    WHERE t.threadId > $beforeThreadId
    WITH t ORDER BY t.projectId ASC, t.groupId ASC, t.createdAt ASC, t.threadId ASC LIMIT $limit
    RETURN t
    UNION ALL
    MATCH (t:Thread {projectId: $projectId, groupId: u.uuid})
    USING INDEX SEEK t:Thread(projectId, groupId, createdAt, threadId)
    WHERE t.createdAt > datetime($beforeCreatedAt) AND t.threadId IS NOT NULL
    WITH t ORDER BY t.projectId ASC, t.groupId ASC, t.createdAt ASC, t.threadId ASC LIMIT $limit
    RETURN t
  }
  WITH t ORDER BY t.createdAt ASC, t.threadId ASC LIMIT $limit
  RETURN collect(t {.threadId, .uuid, .userId, .groupId, .metadata, createdAt: t.createdAt.epochMillis,
    updatedAt: t.updatedAt.epochMillis, messageCount: t.nextSeq}) AS threads
}
RETURN position, threads,
  EXISTS {
    MATCH (n:Thread {projectId: $projectId, groupId: u.uuid, createdAt: datetime($beforeCreatedAt)})
    WHERE n.threadId <= $beforeThreadId
  } OR EXISTS {
    MATCH (n:Thread {projectId: $projectId, groupId: u.uuid})
    WHERE n.createdAt < datetime($beforeCreatedAt) AND n.threadId IS NOT NULL
  } AS hasNext
ORDER BY position
