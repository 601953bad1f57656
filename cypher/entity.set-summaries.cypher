// Stores recomputed node summaries.
// Params: $projectId, $summaries (list of {uuid, summary}).
// Returns: nothing.
UNWIND $summaries AS item
MATCH (n:Entity {uuid: item.uuid})
WHERE n.projectId = $projectId
SET n.summary = item.summary
