// With relates-to.source-created-at: a node's facts newest first, the facts it is the target of.
CREATE INDEX relates_to_project_target_created_at_uuid IF NOT EXISTS
FOR ()-[f:RELATES_TO]-() ON (f.projectId, f.targetNodeUuid, f.createdAt, f.uuid)
