// Serves a user's latest episodes (User.episodes, Zep's episodes lastn) newest first from the index.
CREATE INDEX episodic_project_group_created_at_uuid IF NOT EXISTS
FOR (e:Episodic) ON (e.projectId, e.groupId, e.createdAt, e.uuid)
