// Claims an Idempotency-Key for a request, or says why not. A new or expired key starts afresh; a key
// sent with another request's fingerprint is 'reused'; a finished one is 'done' (its response replays); an
// open one (a request recorded writes but no response), or one whose holder has not been heard of for
// $staleAfterMs (neither its claim nor a write: it died, or lost Neo4j), is 'resumed' with its recorded
// writes; a key held by a live request is 'in-use'.
// ON MATCH writes first, so the key is locked before its status is read: two claims never both win.
// Params: $projectId, $key, $fingerprint, $token (this request's), $ttlMs, $staleAfterMs.
// Returns: one row, `outcome` ('fresh' | 'resumed' | 'done' | 'reused' | 'in-use'), `writes` and `outcomes`
// (ids and JSON outcomes of the writes recorded so far), `response` (JSON text, when 'done').
MERGE (k:IdempotencyKey {projectId: $projectId, key: $key})
ON CREATE SET k.status = 'new'
ON MATCH SET k.claimCheckedAt = datetime()
WITH k, CASE
  WHEN k.status = 'new' OR k.expiresAt <= datetime() THEN 'fresh'
  WHEN k.fingerprint <> $fingerprint THEN 'reused'
  WHEN k.status = 'done' THEN 'done'
  WHEN k.status = 'open' OR k.aliveAt <= datetime() - duration({milliseconds: $staleAfterMs}) THEN 'resumed'
  ELSE 'in-use'
END AS outcome
CALL (k, outcome) {
  WITH * WHERE outcome = 'fresh'
  SET k.fingerprint = $fingerprint,
      k.writes = [],
      k.outcomes = [],
      k.response = null,
      k.expiresAt = datetime() + duration({milliseconds: $ttlMs})
}
CALL (k, outcome) {
  WITH * WHERE outcome IN ['fresh', 'resumed']
  SET k.status = 'held', k.token = $token, k.aliveAt = datetime()
}
RETURN outcome, k.writes AS writes, k.outcomes AS outcomes, k.response AS response
