// The same for a worker confined to some projects (see ingest.ready-users-in-projects).
CREATE INDEX user_project_ingest_ready_at IF NOT EXISTS
FOR (u:User) ON (u.projectId, u.ingestReadyAt)
