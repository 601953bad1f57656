// One batch of a start-up backfill: messages written before messages carried threadUuid (which
// message_project_thread_seq pages them by) get their thread's uuid. A batch is the worlds of the next
// $batchSize users after $afterUserId, in userId order; setting only what is missing makes it safe to
// repeat. Users being deleted are passed over: their messages are going.
// Params: $projectId, $afterUserId ('' to start), $batchSize.
// Returns: one row: `lastUserId` (null when no user was left), `updated`.
MATCH (u:User {projectId: $projectId})
WHERE u.userId > $afterUserId
WITH u ORDER BY u.projectId, u.userId LIMIT $batchSize
CALL (u) {
  MATCH (t:Thread {projectId: $projectId, groupId: u.uuid})-[:HAS_MESSAGE]->(m:Message)
  WHERE m.threadUuid IS NULL
  SET m.threadUuid = t.uuid
  RETURN count(m) AS updated
}
RETURN max(u.userId) AS lastUserId, sum(updated) AS updated
