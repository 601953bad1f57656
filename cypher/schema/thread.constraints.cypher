// A threadId names one thread within a project; the constraint makes duplicate creates fail under concurrency.
CREATE CONSTRAINT thread_project_thread_id IF NOT EXISTS
FOR (t:Thread) REQUIRE (t.projectId, t.threadId) IS UNIQUE
