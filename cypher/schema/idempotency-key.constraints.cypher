// An Idempotency-Key names one request within a project: concurrent claims of one key MERGE on this
// constraint, so they queue on its index entry and the second sees the first's claim.
CREATE CONSTRAINT idempotency_key_project_key IF NOT EXISTS
FOR (k:IdempotencyKey) REQUIRE (k.projectId, k.key) IS UNIQUE
