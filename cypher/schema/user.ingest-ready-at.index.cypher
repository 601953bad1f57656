// The users whose next queued episode may be claimed, across all projects, longest-waiting first: a user
// has ingestReadyAt only while episodes of theirs are queued (see ingest.ready-users).
CREATE INDEX user_ingest_ready_at IF NOT EXISTS
FOR (u:User) ON (u.ingestReadyAt)
