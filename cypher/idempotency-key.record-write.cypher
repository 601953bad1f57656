// Records one write of a request under its Idempotency-Key, inside that write's own transaction, so the
// write commits if and only if its record does. The key is locked before its holder is checked: a retry
// that took the key over meanwhile (another token) gets no row, and the caller rolls the write back. A
// holder that records writes is alive (`aliveAt`): a long deletion is not taken for a dead one.
// Params: $projectId, $key, $token, $write (the write's id within the request), $outcome (JSON text).
// Returns: one row, `recorded`, while $token holds the key; no row otherwise.
MATCH (k:IdempotencyKey {projectId: $projectId, key: $key})
SET k.aliveAt = datetime()
WITH k
WHERE k.token = $token AND k.status = 'held'
SET k.writes = k.writes + $write, k.outcomes = k.outcomes + $outcome
RETURN true AS recorded
