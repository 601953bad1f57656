// A userId names one user within a project; the constraint makes duplicate adds fail under concurrency.
CREATE CONSTRAINT user_project_user_id IF NOT EXISTS
FOR (u:User) REQUIRE (u.projectId, u.userId) IS UNIQUE
