// As ingest.ready-users, for a worker confined to some projects (tests, benchmarks, a deployment that
// shards projects): each project's ready users read in order from user_project_ingest_ready_at and cut at
// $limit, then the longest-waiting of them.
// Params: $projectIds (list), $limit.
// Returns: one row per user, `ownerId` (the user's element id, for user.lock).
UNWIND $projectIds AS projectId
CALL (projectId) {
  MATCH (u:User {projectId: projectId})
  USING INDEX SEEK u:User(projectId, ingestReadyAt)
  WHERE u.ingestReadyAt <= datetime()
  WITH u ORDER BY u.projectId ASC, u.ingestReadyAt ASC LIMIT $limit
  RETURN u
}
// Sorts at most $limit users a project.
WITH u ORDER BY u.ingestReadyAt ASC LIMIT $limit
RETURN elementId(u) AS ownerId
