// Backfills run at start-up until they finish, then leave a marker: one per (project, backfill), so a
// later start-up skips a finished backfill with one lookup. MERGE on this constraint is race-free.
CREATE CONSTRAINT backfill_project_name IF NOT EXISTS
FOR (b:Backfill) REQUIRE (b.projectId, b.name) IS UNIQUE
