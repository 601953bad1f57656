// Creates users, each with the user's graph node, so that neither ever exists without the other: one for
// addUser, a batch for the import, which shares this statement so that both store the same properties.
// Params: $projectId, $users (list of {userId, uuid, email, firstName, lastName, metadataKeys, metadataValues
//         (null for no metadata), node {uuid, name, summary, attributes (JSON text), resolveKeys,
//         matchKeys}}), $returnUsers (false for the import, which reads no row: each would cost both
//         sides a map for nothing).
// Returns: one row per user when $returnUsers, `user`, the stored user (instants as epoch milliseconds). A
//          taken userId fails on the user_project_user_id constraint.
// Besides the fields, it stores what the list indexes read: searchText for search and emailKey for
// the email order (see cypher/schema/user.*); user.update and user.backfill-keys derive them the same way.
UNWIND $users AS user
CREATE (u:User {
  projectId: $projectId,
  userId: user.userId,
  uuid: user.uuid,
  groupId: user.uuid,
  email: user.email,
  firstName: user.firstName,
  lastName: user.lastName,
  searchText: toLower(user.userId) + '\n' + toLower(coalesce(user.email, '')) + '\n'
    + toLower(coalesce(user.firstName, '')) + '\n' + toLower(coalesce(user.lastName, '')),
  emailKey: CASE WHEN user.email IS NULL THEN '1' ELSE '0' + user.email END,
  metadataKeys: user.metadataKeys,
  metadataValues: user.metadataValues,
  createdAt: datetime.truncate('millisecond', datetime()),
  updatedAt: datetime.truncate('millisecond', datetime())
})
CREATE (u)-[:HAS_NODE]->(:Entity {
  projectId: $projectId,
  groupId: user.uuid,
  uuid: user.node.uuid,
  name: user.node.name,
  summary: user.node.summary,
  labels: ['Entity', 'User'],
  attributes: user.node.attributes,
  resolveKeys: user.node.resolveKeys,
  matchKeys: user.node.matchKeys,
  createdAt: u.createdAt
})
WITH u
WHERE $returnUsers
RETURN u {.projectId, .userId, .uuid, .email, .firstName, .lastName, .metadataKeys, .metadataValues,
          createdAt: u.createdAt.epochMillis, updatedAt: u.updatedAt.epochMillis} AS user
