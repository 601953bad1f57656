// With relates-to.target-invalid-at: a node's facts that have an end (invalidAt), for counting its valid
// facts as all of them (its degree) less the ended ones. A fact without invalidAt is not in the index at
// all, so the index holds only facts that ended or will end.
CREATE INDEX relates_to_project_source_invalid_at IF NOT EXISTS
FOR ()-[f:RELATES_TO]-() ON (f.projectId, f.sourceNodeUuid, f.invalidAt)
