// Records that a key was used, at most once a minute: a key in use by several instances writes rarely.
// Params: $keyId, $everySeconds.
// Returns: nothing.
MATCH (k:ApiKey {keyId: $keyId})
WHERE k.lastUsedAt IS NULL OR k.lastUsedAt < datetime() - duration({seconds: $everySeconds})
SET k.lastUsedAt = datetime.truncate('millisecond', datetime())
