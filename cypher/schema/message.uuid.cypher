// Every node is addressable by a uuid that is never reused.
CREATE CONSTRAINT message_uuid IF NOT EXISTS
FOR (m:Message) REQUIRE m.uuid IS UNIQUE
