// Serves threadsOrdered, whose default order is newest first within a project.
CREATE INDEX thread_project_created_at IF NOT EXISTS
FOR (t:Thread) ON (t.projectId, t.createdAt)
