// Serves threadsOrdered by USER_ID (ties broken by threadId): a numbered page streams from the index.
CREATE INDEX thread_project_user_id_thread_id IF NOT EXISTS
FOR (t:Thread) ON (t.projectId, t.userId, t.threadId)
