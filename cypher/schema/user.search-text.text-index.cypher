// usersOrdered's search: finds the users whose searchText (userId, email, first and last name, lower-cased,
// one per line; written by user.create, user.update and the start-up backfill) contains the search, without
// reading every user. One index over the four fields, not one per field: each index is written on every
// add, and four of them took a quarter of the import's time. It spans projects; the statements keep the
// project's matches.
CREATE TEXT INDEX user_search_text IF NOT EXISTS
FOR (u:User) ON (u.searchText)
