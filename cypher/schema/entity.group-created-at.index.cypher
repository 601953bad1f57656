// Serves the nodes of a user's graph newest first (User.graphNodes, Zep's node list): (createdAt, uuid)
// from the index, so a page reads only its own nodes.
CREATE INDEX entity_project_group_created_at_uuid IF NOT EXISTS
FOR (n:Entity) ON (n.projectId, n.groupId, n.createdAt, n.uuid)
