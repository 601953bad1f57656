// Stores entity nodes' embeddings, as the float vectors the entity_embedding index reads (whole numbers in a
// vector arrive as integers, hence toFloat). A node deleted since its text was read is skipped.
// Params: $projectId, $rows (list of {uuid, vector}).
// Returns: one row, `stored`: how many nodes got their vector.
UNWIND $rows AS row
MATCH (n:Entity {uuid: row.uuid})
WHERE n.projectId = $projectId
CALL db.create.setNodeVectorProperty(n, 'embedding', [x IN row.vector | toFloat(x)])
RETURN count(*) AS stored
