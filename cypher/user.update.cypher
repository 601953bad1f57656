// Applies a PATCH to a user and deep-merges metadata inside this one statement: the first SET takes the
// user's write lock, so the metadata read after it is the latest committed and concurrent updates of
// different keys all survive.
// Metadata is stored flattened, as parallel lists of leaf paths (JSON arrays of keys) and JSON values.
// Params: $projectId, $userId, $fields (map; a null value removes the property), $metadataMode
//         ('keep' | 'clear' | 'merge'), $metadataRemovedPaths (exact paths to drop), $metadataRemovedPrefixes
//         (paths whose whole subtree goes), $metadataSet (map path -> JSON value), $metadataSetOrder (its keys).
// Returns: one row, `user`, the stored user; no row for an unknown user.
MATCH (u:User {projectId: $projectId, userId: $userId})
SET u += $fields, u.updatedAt = datetime.truncate('millisecond', datetime())
WITH u, coalesce(u.metadataKeys, []) AS oldKeys, coalesce(u.metadataValues, []) AS oldValues
WITH u, [i IN range(0, size(oldKeys) - 1)
         WHERE NOT oldKeys[i] IN $metadataRemovedPaths
           AND NONE(prefix IN $metadataRemovedPrefixes WHERE oldKeys[i] STARTS WITH prefix)
         | [oldKeys[i], coalesce($metadataSet[oldKeys[i]], oldValues[i])]] AS kept
WITH u, kept, [entry IN kept | entry[0]] AS keptKeys
WITH u, kept + [path IN $metadataSetOrder WHERE NOT path IN keptKeys | [path, $metadataSet[path]]] AS merged
SET u.metadataKeys = CASE $metadataMode
      WHEN 'merge' THEN [entry IN merged | entry[0]]
      WHEN 'clear' THEN null
      ELSE u.metadataKeys END,
    u.metadataValues = CASE $metadataMode
      WHEN 'merge' THEN [entry IN merged | entry[1]]
      WHEN 'clear' THEN null
      ELSE u.metadataValues END
RETURN u {.*} AS user
