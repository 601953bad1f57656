// Serves a user's threads (User.threads, Zep's user threads) in their order, (createdAt, threadId), from
// the index in either direction: a page reads its own threads, however many the user has.
CREATE INDEX thread_project_group_created_at_thread_id IF NOT EXISTS
FOR (t:Thread) ON (t.projectId, t.groupId, t.createdAt, t.threadId)
