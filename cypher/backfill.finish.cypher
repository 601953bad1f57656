// Marks a start-up backfill as finished for a project, so later start-ups skip it.
// Params: $projectId, $name.
// Returns: nothing.
MERGE (b:Backfill {projectId: $projectId, name: $name})
ON CREATE SET b.finishedAt = datetime()
