// Finds a user's messages by their world, so deletion takes them in batches without walking threads.
CREATE INDEX message_project_group IF NOT EXISTS
FOR (m:Message) ON (m.projectId, m.groupId)
