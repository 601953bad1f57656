// usersOrdered's search: finds the users whose firstNameLower (toLower(firstName), written by user.create,
// user.update and the start-up backfill) contains the search, without reading every user. It spans
// projects; the statements keep the project's matches.
CREATE TEXT INDEX user_first_name_lower IF NOT EXISTS
FOR (u:User) ON (u.firstNameLower)
