// Stores a new API key of a project (only the hash of its secret), creating the project on its first key.
// Params: $projectId, $keyId, $name (or null), $hash (hex SHA-256 of the whole key).
// Returns: one row, `key` {keyId, projectId, name, createdAt, lastUsedAt, revokedAt}.
MERGE (p:Project {projectId: $projectId})
ON CREATE SET p.createdAt = datetime.truncate('millisecond', datetime())
CREATE (p)-[:HAS_API_KEY]->(k:ApiKey {
  keyId: $keyId,
  projectId: $projectId,
  name: $name,
  hash: $hash,
  createdAt: datetime.truncate('millisecond', datetime())
})
RETURN k {.keyId, .projectId, .name, .createdAt, .lastUsedAt, .revokedAt} AS key
