// The ingestion queue of each user, in the order the episodes were recorded: the worker reads a user's
// next episode as the first entry of the user's stretch. Only queued episodes carry the Pending label, so
// the index holds the queue and nothing else.
CREATE INDEX pending_project_group_seq IF NOT EXISTS
FOR (e:Pending) ON (e.projectId, e.groupId, e.ingestSeq)
