// Lists API keys, of one project or of all, oldest first; never their hashes.
// Params: $projectId (null for every project).
// Returns: one row per key: `key` {keyId, projectId, name, createdAt, lastUsedAt, revokedAt}.
MATCH (k:ApiKey)
WHERE $projectId IS NULL OR k.projectId = $projectId
RETURN k {.keyId, .projectId, .name, .createdAt, .lastUsedAt, .revokedAt} AS key
ORDER BY k.createdAt, k.keyId
