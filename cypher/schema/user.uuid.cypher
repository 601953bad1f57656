// Every node is addressable by a uuid that is never reused.
CREATE CONSTRAINT user_uuid IF NOT EXISTS
FOR (u:User) REQUIRE u.uuid IS UNIQUE
