// Whether a start-up backfill has finished for a project (backfill.finish left its marker).
// Params: $projectId, $name.
// Returns: one row, `finished`.
OPTIONAL MATCH (b:Backfill {projectId: $projectId, name: $name})
RETURN b IS NOT NULL AS finished
