// Lets a repeated deleteUser, or the start-up clean-up, find deletions that were interrupted.
CREATE INDEX deleted_user_project_user_id IF NOT EXISTS
FOR (u:DeletedUser) ON (u.projectId, u.userId)
