// Finds a user's threads by their world when the user is being deleted.
CREATE INDEX thread_project_group IF NOT EXISTS
FOR (t:Thread) ON (t.projectId, t.groupId)
