// What the summaries of some nodes are made from: who each node is, and its currently valid facts,
// newest first (at most 50: more would not fit in a summary).
// Params: $projectId, $uuids.
// Returns: one row per node found: `uuid`, `name`, `description`, `user` (the user's fields for a user
// node, else null), `facts` (list of sentences).
UNWIND $uuids AS nodeUuid
MATCH (n:Entity {uuid: nodeUuid})
WHERE n.projectId = $projectId
WITH DISTINCT n
OPTIONAL MATCH (owner:User|DeletedUser)-[:HAS_NODE]->(n)
CALL (n) {
  OPTIONAL MATCH (n)-[f:RELATES_TO]-()
  WHERE f.expiredAt IS NULL AND (f.invalidAt IS NULL OR f.invalidAt > datetime())
  WITH DISTINCT f
  ORDER BY f.createdAt DESC, f.uuid DESC
  LIMIT 50
  RETURN collect(f.fact) AS facts
}
RETURN n.uuid AS uuid, n.name AS name, n.description AS description,
  CASE WHEN owner IS NULL THEN null ELSE owner {.userId, .email, .firstName, .lastName} END AS user,
  facts
