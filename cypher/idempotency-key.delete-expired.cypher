// Deletes a batch of expired Idempotency-Keys, of every project (an expired key is nobody's), read from
// the expiry index so that only expired keys are touched.
// Params: $batchSize.
// Returns: one row, `deleted`, how many keys went.
MATCH (k:IdempotencyKey)
WHERE k.expiresAt < datetime()
WITH k
LIMIT $batchSize
DELETE k
RETURN count(*) AS deleted
