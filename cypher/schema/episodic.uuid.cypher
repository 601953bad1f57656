// Every node is addressable by a uuid that is never reused.
CREATE CONSTRAINT episodic_uuid IF NOT EXISTS
FOR (e:Episodic) REQUIRE e.uuid IS UNIQUE
