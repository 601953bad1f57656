// Starts the project's user counter (see counter.add) for users stored before it existed: when the project
// has no stripe yet, counts its users once into stripe 0. Two instances starting together both count, but
// MERGE on counter_project_name_stripe lets only the first create stripe 0; the second finds it and sets
// nothing. Run at start-up, before the instance adds users, so every later add and hide is counted on top.
// Params: $projectId.
// Returns: one row, `counted` (the users counted into the new stripe), or no row when the counter existed.
OPTIONAL MATCH (existing:Counter {projectId: $projectId, name: 'users'})
WHERE existing.stripe IS NOT NULL
WITH count(existing) AS stripes
WHERE stripes = 0
CALL () {
  MATCH (u:User {projectId: $projectId})
  USING INDEX SEEK u:User(projectId, userId)
  WHERE u.userId IS NOT NULL
  RETURN count(u) AS counted
}
MERGE (c:Counter {projectId: $projectId, name: 'users', stripe: 0})
ON CREATE SET c.count = counted
RETURN counted
