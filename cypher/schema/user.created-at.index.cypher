// Serves the users connection and usersOrdered by createdAt: the index order is the list order, newest or
// oldest first with userId breaking ties, so a page reads only its own entries and nothing is sorted.
// userId is part of the key because users created in one millisecond must still page in a fixed order.
CREATE INDEX user_project_created_at_user_id IF NOT EXISTS
FOR (u:User) ON (u.projectId, u.createdAt, u.userId)
