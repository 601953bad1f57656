// As ingest.ready-users, for a worker confined to some projects (tests, benchmarks, a deployment that
// shards projects): each project's ready users from user_project_ingest_ready_at, longest-waiting first.
// Params: $projectIds (list), $limit.
// Returns: one row per user, `ownerId` (the user's element id, for user.lock).
MATCH (u:User)
WHERE u.projectId IN $projectIds AND u.ingestReadyAt <= datetime()
WITH u ORDER BY u.ingestReadyAt ASC LIMIT $limit
RETURN elementId(u) AS ownerId
