// Entity resolution: finds a node of one user's graph by its trimmed, lower-cased name.
CREATE INDEX entity_project_group_name_key IF NOT EXISTS
FOR (n:Entity) ON (n.projectId, n.groupId, n.nameKey)
