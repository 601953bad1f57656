// Proves that the database answers a real query (readiness probe).
// Returns: one row, ok = 1.
RETURN 1 AS ok
