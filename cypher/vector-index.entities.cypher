// The vector index of entity nodes' embeddings (searchGraph scope NODES, semantic half). Applied at start-up
// only when embeddings are configured. One index serves every project and user; search reads it for a user
// graph too large to score item by item (see search.similar-*).
// Params: $dimensions (EMBEDDINGS_DIMENSIONS, or null: the index then takes vectors of any length).
// Returns: nothing.
CREATE VECTOR INDEX entity_embedding IF NOT EXISTS
FOR (n:Entity) ON n.embedding
OPTIONS {indexConfig: CASE WHEN $dimensions IS NULL
  THEN {`vector.similarity_function`: 'cosine'}
  ELSE {`vector.similarity_function`: 'cosine', `vector.dimensions`: $dimensions} END}
