// Lets the sweep of expired Idempotency-Keys read only the expired ones, from the oldest.
CREATE INDEX idempotency_key_expires_at IF NOT EXISTS
FOR (k:IdempotencyKey) ON (k.expiresAt)
