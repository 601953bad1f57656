// Finds a live (not revoked) API key by its keyId, with the hash its presented secret must match.
// Params: $keyId.
// Returns: one row, `key` {keyId, projectId, hash}, null for an unknown or revoked keyId.
OPTIONAL MATCH (k:ApiKey {keyId: $keyId})
WHERE k.revokedAt IS NULL
RETURN CASE WHEN k IS NULL THEN null ELSE k {.keyId, .projectId, .hash} END AS key
