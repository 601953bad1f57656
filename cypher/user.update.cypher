// Applies a PATCH to a user and deep-merges metadata inside this one statement: the first SET takes the
// user's write lock, so the metadata read after it is the latest committed and concurrent updates of
// different keys all survive.
// Metadata is stored flattened, as parallel lists of leaf paths (JSON arrays of keys) and JSON values.
// Params: $projectId, $userId, $fields (map; a null value removes the property), $metadataMode
//         ('keep' | 'clear' | 'merge'), $metadataRemovedPaths (exact paths to drop), $metadataRemovedPrefixes
//         (paths whose whole subtree goes), $metadataSet (map path -> JSON value), $metadataSetOrder (its keys).
// The searchText and emailKey that the list indexes read are derived again from the merged fields,
// as user.create derives them.
// Returns: one row, `user`, the stored user (instants as epoch milliseconds); no row for an unknown user.
MATCH (u:User {projectId: $projectId, userId: $userId})
SET u += $fields, u.updatedAt = datetime.truncate('millisecond', datetime())
SET u.searchText = toLower(u.userId) + '\n' + toLower(coalesce(u.email, '')) + '\n'
      + toLower(coalesce(u.firstName, '')) + '\n' + toLower(coalesce(u.lastName, '')),
    u.emailKey = CASE WHEN u.email IS NULL THEN '1' ELSE '0' + u.email END
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
RETURN u {.projectId, .userId, .uuid, .email, .firstName, .lastName, .metadataKeys, .metadataValues,
          createdAt: u.createdAt.epochMillis, updatedAt: u.updatedAt.epochMillis} AS user
