// With relates-to.target-created-at: a node's facts newest first (EntityNode.facts, Zep's node edges), the
// facts it is the source of merged with those it is the target of, each stream in order from its index.
CREATE INDEX relates_to_project_source_created_at_uuid IF NOT EXISTS
FOR ()-[f:RELATES_TO]-() ON (f.projectId, f.sourceNodeUuid, f.createdAt, f.uuid)
