// Serves a thread's messages in their order (seq) from the index in either direction, so a page, or the
// last messages a context block starts from, reads only its own messages, however long the thread.
CREATE INDEX message_project_thread_seq IF NOT EXISTS
FOR (m:Message) ON (m.projectId, m.threadUuid, m.seq)
