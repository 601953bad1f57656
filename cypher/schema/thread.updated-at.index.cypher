// Serves threadsOrdered by UPDATED_AT (ties broken by threadId): a numbered page streams from the index.
CREATE INDEX thread_project_updated_at_thread_id IF NOT EXISTS
FOR (t:Thread) ON (t.projectId, t.updatedAt, t.threadId)
