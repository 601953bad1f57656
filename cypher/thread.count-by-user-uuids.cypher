// Batch count of users' threads (User.threadCount, User.threads' totalCount). A pattern with nothing
// asked of the far node is read from the user's relationship degree, without visiting the threads.
// Params: $projectId, $userUuids (list).
// Returns: one row per input uuid, in input order: `count`.
UNWIND range(0, size($userUuids) - 1) AS position
OPTIONAL MATCH (u:User {projectId: $projectId, uuid: $userUuids[position]})
RETURN position, CASE WHEN u IS NULL THEN 0 ELSE COUNT { (u)-[:HAS_THREAD]->() } END AS count
ORDER BY position
