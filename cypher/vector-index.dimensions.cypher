// The dimensions the vector indexes were made with, so that start-up can tell when EMBEDDINGS_DIMENSIONS no
// longer matches them (IF NOT EXISTS keeps an index as it was made).
// Params: none.
// Returns: one row per vector index of ours: `name`, `dimensions` (null when made without).
SHOW VECTOR INDEXES YIELD name, options
WHERE name IN ['entity_embedding', 'fact_embedding', 'episodic_embedding']
RETURN name, options.indexConfig['vector.dimensions'] AS dimensions
