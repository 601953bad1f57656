// searchGraph scope EDGES: facts by sentence and relation name. groupId is indexed too, so that a search
// is confined to one user's world inside Lucene rather than filtered after a global top-k.
CREATE FULLTEXT INDEX fact_fulltext IF NOT EXISTS
FOR ()-[f:RELATES_TO]-() ON EACH [f.fact, f.name, f.groupId]
