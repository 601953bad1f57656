// Whether a start-up backfill of user properties (user.backfill-keys) has run to its end in this project.
// Params: $projectId, $name (the backfill's name).
// Returns: one row, `done`.
RETURN EXISTS { MATCH (:UserBackfill {projectId: $projectId, name: $name}) } AS done
