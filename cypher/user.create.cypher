// Creates a user and the user's graph node together, so that neither ever exists without the other.
// Params: $projectId, $userId, $uuid, $email, $firstName, $lastName, $metadataKeys, $metadataValues (null for
//         no metadata), $node {uuid, name, summary, attributes (JSON text), resolveKeys, matchKeys}.
// Returns: one row, `user`, the stored user (instants as epoch milliseconds). A taken userId fails on the
//          user_project_user_id constraint.
// Besides the fields, it stores what the list indexes read: lower-cased copies for search and emailKey for
// the email order (see cypher/schema/user.*); user.update and user.backfill-keys derive them the same way.
CREATE (u:User {
  projectId: $projectId,
  userId: $userId,
  uuid: $uuid,
  groupId: $uuid,
  email: $email,
  firstName: $firstName,
  lastName: $lastName,
  userIdLower: toLower($userId),
  emailLower: toLower($email),
  firstNameLower: toLower($firstName),
  lastNameLower: toLower($lastName),
  emailKey: CASE WHEN $email IS NULL THEN '1' ELSE '0' + $email END,
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
RETURN u {.projectId, .userId, .uuid, .email, .firstName, .lastName, .metadataKeys, .metadataValues,
          createdAt: u.createdAt.epochMillis, updatedAt: u.updatedAt.epochMillis} AS user
