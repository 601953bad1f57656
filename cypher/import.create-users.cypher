// Creates a batch of users, each with the user's graph node, exactly as user.create does for one, plus the
// lower-cased copies that users search reads. The caller has checked that no userId is taken; a taken
// one fails the batch on the user_project_user_id constraint.
// Params: $projectId, $users (list of {userId, uuid, email, firstName, lastName, metadataKeys,
//         metadataValues, addsMessages (whether the line adds messages, which addMessages marks on the
//         user by locking it: worldWrittenAt), node {uuid, name, summary, attributes (JSON text),
//         resolveKeys, matchKeys}}).
// Returns: nothing.
UNWIND $users AS user
CREATE (u:User {
  projectId: $projectId,
  userId: user.userId,
  uuid: user.uuid,
  groupId: user.uuid,
  email: user.email,
  firstName: user.firstName,
  lastName: user.lastName,
  userIdLower: toLower(user.userId),
  emailLower: toLower(user.email),
  firstNameLower: toLower(user.firstName),
  lastNameLower: toLower(user.lastName),
  metadataKeys: user.metadataKeys,
  metadataValues: user.metadataValues,
  worldWrittenAt: CASE WHEN user.addsMessages THEN datetime() END,
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
