// Finds a user's episodes by their world: the latest episodes, and deletion in batches.
CREATE INDEX episodic_project_group IF NOT EXISTS
FOR (e:Episodic) ON (e.projectId, e.groupId)
