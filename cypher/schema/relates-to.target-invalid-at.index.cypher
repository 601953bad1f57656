// With relates-to.source-invalid-at: a node's facts that have an end, as their target.
CREATE INDEX relates_to_project_target_invalid_at IF NOT EXISTS
FOR ()-[f:RELATES_TO]-() ON (f.projectId, f.targetNodeUuid, f.invalidAt)
