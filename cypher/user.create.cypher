// Creates a user and the user's graph node together, so that neither ever exists without the other.
// Params: $projectId, $userId, $uuid, $email, $firstName, $lastName, $metadataKeys, $metadataValues (null for
//         no metadata), $node {uuid, name, summary, attributes (JSON text), resolveKeys, matchKeys}.
// Returns: one row, `user`, the stored user. A taken userId fails on the user_project_user_id constraint.
CREATE (u:User {
  projectId: $projectId,
  userId: $userId,
  uuid: $uuid,
  groupId: $uuid,
  email: $email,
  firstName: $firstName,
  lastName: $lastName,
  metadataKeys: $metadataKeys,
  metadataValues: $metadataValues,
  createdAt: datetime.truncate('millisecond', datetime()),
  updatedAt: datetime.truncate('millisecond', datetime())
})
CREATE (u)-[:HAS_NODE]->(:Entity {
  projectId: $projectId,
  groupId: $uuid,
  uuid: $node.uuid,
  name: $node.name,
  summary: $node.summary,
  labels: ['Entity', 'User'],
  attributes: $node.attributes,
  resolveKeys: $node.resolveKeys,
  matchKeys: $node.matchKeys,
  createdAt: u.createdAt
})
RETURN u {.*} AS user
