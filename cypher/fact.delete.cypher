// Removes a fact, with the FACT_TRIPLE episodes that stated only this fact (their text is the fact
// itself). The caller holds the owning user's lock (user.lock), like every write to a user's graph.
// Params: $projectId, $uuid.
// Returns: one row, `affected` (the uuids of the fact's two nodes); no row for an unknown fact.
MATCH (source:Entity)-[f:RELATES_TO {uuid: $uuid}]->(target:Entity)
WHERE f.projectId = $projectId
WITH source, target, f, f.episodes AS cited
DELETE f
WITH source, target, cited
CALL (source, target, cited) {
  UNWIND cited AS episodeUuid
  MATCH (episode:Episodic {uuid: episodeUuid})
  WHERE episode.source = 'FACT_TRIPLE'
    AND NOT EXISTS { MATCH (source)-[other:RELATES_TO]-(target) WHERE episodeUuid IN other.episodes }
  DETACH DELETE episode
}
RETURN [source.uuid, target.uuid] AS affected
