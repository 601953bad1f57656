// The vector index of episodes' embeddings (searchGraph scope EPISODES, semantic half). Applied at start-up
// only when embeddings are configured. One index serves every project and user; search reads it for a user
// graph too large to score item by item (see search.similar-*).
// Params: $dimensions (EMBEDDINGS_DIMENSIONS, or null: the index then takes vectors of any length).
// Returns: nothing.
CREATE VECTOR INDEX episodic_embedding IF NOT EXISTS
FOR (e:Episodic) ON e.embedding
OPTIONS {indexConfig: CASE WHEN $dimensions IS NULL
  THEN {`vector.similarity_function`: 'cosine'}
  ELSE {`vector.similarity_function`: 'cosine', `vector.dimensions`: $dimensions} END}
