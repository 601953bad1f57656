// Marks a fact as no longer holding: invalidAt (given, else now) and expiredAt (now, the first time).
// The caller holds the owning user's lock (user.lock), like every write to a user's graph.
// Params: $projectId, $uuid, $invalidAt (ISO text or null).
// Returns: one row, `fact` and `beforeValidAt` (true when the given invalidAt precedes validAt: the
// caller rolls back); no row for an unknown fact.
MATCH (source:Entity)-[f:RELATES_TO {uuid: $uuid}]->(target:Entity)
WHERE f.projectId = $projectId
SET f.invalidAt = coalesce(datetime($invalidAt), datetime.truncate('millisecond', datetime())),
    f.expiredAt = coalesce(f.expiredAt, datetime.truncate('millisecond', datetime()))
RETURN f {.*, sourceNodeUuid: source.uuid, targetNodeUuid: target.uuid} AS fact,
  coalesce(f.invalidAt < f.validAt, false) AS beforeValidAt
