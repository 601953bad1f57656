// Finds a thread's episodes when the thread is deleted.
CREATE INDEX episodic_project_thread IF NOT EXISTS
FOR (e:Episodic) ON (e.projectId, e.threadId)
