// usersOrdered's search: finds the users whose userIdLower (toLower(userId), written by user.create,
// user.update and the start-up backfill) contains the search, without reading every user. It spans
// projects; the statements keep the project's matches.
CREATE TEXT INDEX user_user_id_lower IF NOT EXISTS
FOR (u:User) ON (u.userIdLower)
