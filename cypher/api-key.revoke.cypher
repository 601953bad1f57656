// Revokes a live API key: it is kept, for the list, but its hash goes, so nothing can match it again.
// Params: $keyId.
// Returns: one row, `key` {keyId, projectId, ...}, for a key that was live; no row otherwise.
MATCH (k:ApiKey {keyId: $keyId})
WHERE k.revokedAt IS NULL
SET k.revokedAt = datetime.truncate('millisecond', datetime())
REMOVE k.hash
RETURN k {.keyId, .projectId, .name, .createdAt, .lastUsedAt, .revokedAt} AS key
