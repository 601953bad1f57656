// One page of messages for each of several threads, read backwards from a keyset cursor shared by all
// of them: the messages just before it, nearest first. Reads one row more than asked per thread.
// Params: $projectId, $threadUuids (list), $limit (page size + 1), $beforeSeq (integer or null).
// Returns: one row per input uuid, in input order: `messages` (list), `hasNext`, `totalCount`.
UNWIND range(0, size($threadUuids) - 1) AS position
OPTIONAL MATCH (t:Thread {projectId: $projectId, uuid: $threadUuids[position]})
CALL (t) {
  OPTIONAL MATCH (t)-[:HAS_MESSAGE]->(m:Message)
  WHERE $beforeSeq IS NULL OR m.seq < $beforeSeq
  WITH m ORDER BY m.seq DESC LIMIT $limit
  RETURN collect(m {.*}) AS messages
}
RETURN position, messages,
  $beforeSeq IS NOT NULL AND EXISTS { MATCH (t)-[:HAS_MESSAGE]->(n:Message) WHERE n.seq >= $beforeSeq } AS hasNext,
  COUNT { (t)-[:HAS_MESSAGE]->(:Message) } AS totalCount
ORDER BY position
