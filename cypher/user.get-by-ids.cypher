// Batch read of users by userId within a project.
// Params: $projectId, $userIds (list).
// Returns: one row per input id, in input order; `user` is null for an unknown id (instants as epoch
//          milliseconds).
UNWIND range(0, size($userIds) - 1) AS position
OPTIONAL MATCH (u:User {projectId: $projectId, userId: $userIds[position]})
RETURN position, u {.projectId, .userId, .uuid, .email, .firstName, .lastName, .metadataKeys, .metadataValues,
                    createdAt: u.createdAt.epochMillis, updatedAt: u.updatedAt.epochMillis} AS user
ORDER BY position
