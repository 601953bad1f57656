// Records that a start-up backfill of user properties has run to its end in this project, so that later
// start-ups skip it (user.backfill-done). Idempotent.
// Params: $projectId, $name (the backfill's name).
// Returns: nothing.
MERGE (b:UserBackfill {projectId: $projectId, name: $name})
ON CREATE SET b.finishedAt = datetime()
