// A keyId names one API key across all projects: the key's public part, by which a request's key is found.
CREATE CONSTRAINT api_key_key_id IF NOT EXISTS
FOR (k:ApiKey) REQUIRE k.keyId IS UNIQUE
