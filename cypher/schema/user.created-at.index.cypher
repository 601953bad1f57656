// Serves the users connection and usersOrdered: newest first within a project.
CREATE INDEX user_project_created_at IF NOT EXISTS
FOR (u:User) ON (u.projectId, u.createdAt)
