// Adds to one stripe of a project's counter, inside the caller's transaction (the one that made the change
// it counts), so the sum over stripes is exact once the change commits.
// Params: $projectId, $name ('users' | 'threads'), $stripe (0 to 15), $delta (integer, may be negative).
// Returns: nothing.
MERGE (c:Counter {projectId: $projectId, name: $name, stripe: $stripe})
ON CREATE SET c.count = 0
SET c.count = c.count + $delta
