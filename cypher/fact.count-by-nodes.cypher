// Batch count of nodes' facts (EntityNode.facts' totalCount): every fact whose source or target is the
// node, or only the valid ones. All of them is the node's relationship degree, read without visiting the
// facts. The valid ones are all less the invalid ones, and a fact is invalid only once it has an
// invalidAt (fact.invalidate sets it with expiredAt; one given to fact.add-triple may lie ahead): those
// are read from the invalid-at indexes, which hold only facts with an end, never the node's other facts.
// A fact from the node to itself is found from both ends and counted once, as in the degree.
// Params: $projectId, $nodeUuids (list), $includeInvalid.
// Returns: one row per input uuid, in input order: `count`.
UNWIND range(0, size($nodeUuids) - 1) AS position
OPTIONAL MATCH (n:Entity {uuid: $nodeUuids[position]})
WHERE n.projectId = $projectId
RETURN position, CASE
  WHEN n IS NULL THEN 0
  WHEN $includeInvalid THEN COUNT { (n)-[:RELATES_TO]-() }
  ELSE COUNT { (n)-[:RELATES_TO]-() } - COUNT {
    MATCH ()-[f:RELATES_TO {projectId: $projectId, sourceNodeUuid: n.uuid}]->()
    WHERE f.invalidAt IS NOT NULL AND (f.expiredAt IS NOT NULL OR f.invalidAt <= datetime())
    RETURN f
    UNION
    MATCH ()-[f:RELATES_TO {projectId: $projectId, targetNodeUuid: n.uuid}]->()
    WHERE f.invalidAt IS NOT NULL AND (f.expiredAt IS NOT NULL OR f.invalidAt <= datetime())
    RETURN f
  }
  END AS count
ORDER BY position
