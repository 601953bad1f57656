// Striped counters: one node per (project, counted thing, stripe), so that concurrent writers, each adding
// to a stripe of its own choosing, rarely wait on the same lock. MERGE on this constraint is race-free.
CREATE CONSTRAINT counter_project_name_stripe IF NOT EXISTS
FOR (c:Counter) REQUIRE (c.projectId, c.name, c.stripe) IS UNIQUE
