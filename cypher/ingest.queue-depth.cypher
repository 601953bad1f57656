// How many episodes wait for ingestion or are being processed, across all projects: a count of the Pending
// label, which Neo4j answers from its count store without reading a node.
// Params: none.
// Returns: one row, `depth`.
MATCH (e:Pending)
RETURN count(e) AS depth
