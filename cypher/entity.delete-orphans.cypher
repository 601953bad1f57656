// Removes the given nodes that were left with no fact and no mention; the user node always stays.
// Params: $projectId, $uuids.
// Returns: one row per node found: `uuid`, `deleted`.
UNWIND $uuids AS nodeUuid
MATCH (n:Entity {uuid: nodeUuid})
WHERE n.projectId = $projectId
WITH DISTINCT n
WITH n, n.uuid AS uuid,
  NOT 'User' IN n.labels
    AND NOT EXISTS { (n)-[:RELATES_TO]-() }
    AND NOT EXISTS { (n)<-[:MENTIONS]-() } AS orphan
FOREACH (_ IN CASE WHEN orphan THEN [1] ELSE [] END | DETACH DELETE n)
RETURN uuid, orphan AS deleted
