// Facts are relationships, addressable by a uuid that is never reused.
CREATE CONSTRAINT relates_to_uuid IF NOT EXISTS
FOR ()-[f:RELATES_TO]-() REQUIRE f.uuid IS UNIQUE
