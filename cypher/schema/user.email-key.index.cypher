// Serves usersOrdered by email: emailKey is '0' + email, or '1' for a user without one, so that the index
// order is Cypher's email order with null emails last ascending and first descending, userId breaking ties.
CREATE INDEX user_project_email_key_user_id IF NOT EXISTS
FOR (u:User) ON (u.projectId, u.emailKey, u.userId)
