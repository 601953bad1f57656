// Every node is addressable by a uuid that is never reused.
CREATE CONSTRAINT thread_uuid IF NOT EXISTS
FOR (t:Thread) REQUIRE t.uuid IS UNIQUE
