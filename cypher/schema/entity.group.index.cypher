// Finds everything of one user's world (deletion, counts) without scanning other users' nodes.
CREATE INDEX entity_project_group IF NOT EXISTS
FOR (n:Entity) ON (n.projectId, n.groupId)
