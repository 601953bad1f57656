// Marks a start-up backfill of user properties as done for a project, so later start-ups skip it with one
// index lookup; MERGE on this constraint is race-free when instances start together.
CREATE CONSTRAINT user_backfill_project_name IF NOT EXISTS
FOR (b:UserBackfill) REQUIRE (b.projectId, b.name) IS UNIQUE
