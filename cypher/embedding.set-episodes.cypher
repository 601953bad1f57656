// Stores episodes' embeddings, as the float vectors the episodic_embedding index reads (whole numbers in a
// vector arrive as integers, hence toFloat). An episode deleted since its text was read is skipped.
// Params: $projectId, $rows (list of {uuid, vector}).
// Returns: one row, `stored`: how many episodes got their vector.
UNWIND $rows AS row
MATCH (e:Episodic {uuid: row.uuid})
WHERE e.projectId = $projectId
CALL db.create.setNodeVectorProperty(e, 'embedding', [x IN row.vector | toFloat(x)])
RETURN count(*) AS stored
