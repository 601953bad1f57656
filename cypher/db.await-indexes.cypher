// Waits until every index is online, so the first requests after start-up do not scan.
// Returns: nothing.
CALL db.awaitIndexes(300)
