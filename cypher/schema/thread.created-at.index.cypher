// Serves threadsOrdered by CREATED_AT, newest or oldest first: threadId is in the index, so the index
// gives the whole order, ties included, and a numbered page streams from it without sorting the project.
CREATE INDEX thread_project_created_at_thread_id IF NOT EXISTS
FOR (t:Thread) ON (t.projectId, t.createdAt, t.threadId)
