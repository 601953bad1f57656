// Ends a request's hold on its Idempotency-Key. A request that recorded no write leaves no key (a retry
// runs afresh, as nothing was written). One that did keeps its writes: with the response to replay ('done'),
// or, when it has none to give (it failed after writing), 'open', so that a retry resumes it.
// Params: $projectId, $key, $token, $response (JSON text, or null).
// Returns: nothing. A key that another request took over (another token) is left alone.
MATCH (k:IdempotencyKey {projectId: $projectId, key: $key})
SET k.finishedAt = datetime()
WITH k
WHERE k.token = $token AND k.status = 'held'
WITH k, size(k.writes) = 0 AS wroteNothing
CALL (k, wroteNothing) {
  WITH * WHERE NOT wroteNothing
  SET k.status = CASE WHEN $response IS NULL THEN 'open' ELSE 'done' END,
      k.response = $response,
      k.token = null
}
CALL (k, wroteNothing) {
  WITH * WHERE wroteNothing
  DELETE k
}
