// The latest episodes of each of several users, newest first (Zep's episodes lastn).
// Params: $projectId, $userUuids (list), $limit.
// Returns: one row per input uuid, in input order: `episodes` (list).
UNWIND range(0, size($userUuids) - 1) AS position
CALL (position) {
  OPTIONAL MATCH (e:Episodic {projectId: $projectId, groupId: $userUuids[position]})
  WITH e ORDER BY e.createdAt DESC, e.uuid DESC LIMIT $limit
  RETURN collect(e {.*}) AS episodes
}
RETURN position, episodes
ORDER BY position
