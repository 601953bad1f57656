// Serves the facts of a user's graph newest first (Zep's edge list, the context block's newest facts):
// (createdAt, uuid) from the index, so a page reads only its own facts.
CREATE INDEX relates_to_project_group_created_at_uuid IF NOT EXISTS
FOR ()-[f:RELATES_TO]-() ON (f.projectId, f.groupId, f.createdAt, f.uuid)
