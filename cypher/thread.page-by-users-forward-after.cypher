// One page of threads for each of several users, newest first, after a keyset cursor shared by all of
// them. Two index reads, each in order and cut at the page: the threads of the cursor's own instant with
// a lower threadId, then the older ones; so ties at one instant (threads created in one transaction)
// cost nothing to pass. Only the two short lists are sorted. Reads one row more than asked per user.
// Params: $projectId, $userUuids (list), $limit (page size + 1), $afterCreatedAt (ISO text), $afterThreadId.
// Returns: one row per input uuid, in input order: `threads` (list), `hasPrevious`.
UNWIND range(0, size($userUuids) - 1) AS position
OPTIONAL MATCH (u:User {projectId: $projectId, uuid: $userUuids[position]})
CALL (u) {
  CALL (u) {
    MATCH (t:Thread {projectId: $projectId, groupId: u.uuid, createdAt: datetime($afterCreatedAt)})
    USING INDEX SEEK t:Thread(projectId, groupId, createdAt, threadId)
    WHERE t.threadId < $afterThreadId
    WITH t ORDER BY t.projectId DESC, t.groupId DESC, t.createdAt DESC, t.threadId DESC LIMIT $limit
    RETURN t
    UNION ALL
    MATCH (t:Thread {projectId: $projectId, groupId: u.uuid})
    USING INDEX SEEK t:Thread(projectId, groupId, createdAt, threadId)
    WHERE t.createdAt < datetime($afterCreatedAt) AND t.threadId IS NOT NULL
    WITH t ORDER BY t.projectId DESC, t.groupId DESC, t.createdAt DESC, t.threadId DESC LIMIT $limit
    RETURN t
  }
  WITH t ORDER BY t.createdAt DESC, t.threadId DESC LIMIT $limit
  RETURN collect(t {.threadId, .uuid, .userId, .groupId, .metadata, createdAt: t.createdAt.epochMillis,
    updatedAt: t.updatedAt.epochMillis, messageCount: t.nextSeq}) AS threads
}
RETURN position, threads,
  EXISTS {
    MATCH (p:Thread {projectId: $projectId, groupId: u.uuid, createdAt: datetime($afterCreatedAt)})
    WHERE p.threadId >= $afterThreadId
  } OR EXISTS {
    MATCH (p:Thread {projectId: $projectId, groupId: u.uuid})
    WHERE p.createdAt > datetime($afterCreatedAt) AND p.threadId IS NOT NULL
  } AS hasPrevious
ORDER BY position
