// One Project node per projectId, so that creating keys for a new project concurrently makes one project.
CREATE CONSTRAINT project_project_id IF NOT EXISTS
FOR (p:Project) REQUIRE p.projectId IS UNIQUE
