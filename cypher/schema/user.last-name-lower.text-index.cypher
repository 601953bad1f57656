// usersOrdered's search: finds the users whose lastNameLower (toLower(lastName), written by user.create,
// user.update and the start-up backfill) contains the search, without reading every user. It spans
// projects; the statements keep the project's matches.
CREATE TEXT INDEX user_last_name_lower IF NOT EXISTS
FOR (u:User) ON (u.lastNameLower)
