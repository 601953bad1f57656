// One page of messages for each of several threads, oldest first (by the order they were added),
// after a keyset cursor shared by all of them. Reads one row more than asked per thread.
// Params: $projectId, $threadUuids (list), $limit (page size + 1), $afterSeq (integer or null).
// Returns: one row per input uuid, in input order: `messages` (list), `hasPrevious`, `totalCount`.
UNWIND range(0, size($threadUuids) - 1) AS position
OPTIONAL MATCH (t:Thread {projectId: $projectId, uuid: $threadUuids[position]})
CALL (t) {
  OPTIONAL MATCH (t)-[:HAS_MESSAGE]->(m:Message)
  WHERE $afterSeq IS NULL OR m.seq > $afterSeq
  WITH m ORDER BY m.seq ASC LIMIT $limit
  RETURN collect(m {.*}) AS messages
}
RETURN position, messages,
  $afterSeq IS NOT NULL AND EXISTS { MATCH (t)-[:HAS_MESSAGE]->(p:Message) WHERE p.seq <= $afterSeq } AS hasPrevious,
  COUNT { (t)-[:HAS_MESSAGE]->(:Message) } AS totalCount
ORDER BY position
