// Stores facts' embeddings, as the float vectors the fact_embedding index reads (whole numbers in a vector
// arrive as integers, hence toFloat). A fact deleted since its text was read is skipped.
// Params: $projectId, $rows (list of {uuid, vector}).
// Returns: one row, `stored`: how many facts got their vector.
UNWIND $rows AS row
MATCH ()-[f:RELATES_TO {uuid: row.uuid}]->()
WHERE f.projectId = $projectId
CALL db.create.setRelationshipVectorProperty(f, 'embedding', [x IN row.vector | toFloat(x)])
RETURN count(*) AS stored
