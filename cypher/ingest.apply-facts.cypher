// Adds an extraction's facts to the user's graph, each citing the episode: a fact that repeats one still
// held (the one the extractor named in duplicateOf, else one of the same name and sentence between the same
// nodes) gets the episode added to its episodes instead of a copy, so applying an episode twice adds nothing
// twice. Facts the new one contradicts, if they still hold, end: invalidAt becomes the new fact's validAt
// (else the episode's time) and expiredAt now; a fact that began after that instant is left as it is.
// The episode mentions both nodes of every fact it cites, as thread.forget-episodes expects.
// The caller holds the user's lock (user.lock) and resolved the nodes (ingest.resolve-entities).
// Params: $projectId, $groupId, $episodeUuid, $facts (list of {uuid, name, fact, sourceUuid, targetUuid,
//         validAt, invalidAt (ISO text or null), duplicateOf (or null), contradicts (list of uuids)}).
// Returns: one row per fact: `uuid`, `created`, `nodes` (uuids of the nodes whose valid facts changed: both
// ends of a new fact and of every fact it ended; a cited fact changes none).
MATCH (episode:Episodic {uuid: $episodeUuid})
WHERE episode.projectId = $projectId AND episode.groupId = $groupId
UNWIND $facts AS item
MATCH (source:Entity {uuid: item.sourceUuid})
WHERE source.projectId = $projectId AND source.groupId = $groupId
MATCH (target:Entity {uuid: item.targetUuid})
WHERE target.projectId = $projectId AND target.groupId = $groupId
CALL (source, target, item) {
  OPTIONAL MATCH ()-[named:RELATES_TO {uuid: item.duplicateOf}]->()
  WHERE named.projectId = $projectId AND named.groupId = $groupId AND named.expiredAt IS NULL
  OPTIONAL MATCH (source)-[same:RELATES_TO {name: item.name}]->(target)
  WHERE same.expiredAt IS NULL AND toLower(same.fact) = toLower(item.fact)
  WITH named, collect(same) AS sames
  RETURN coalesce(named, head(sames)) AS existing
}
CALL (source, target, item, existing, episode) {
  WITH existing, episode WHERE existing IS NOT NULL
  SET existing.episodes = CASE WHEN episode.uuid IN existing.episodes THEN existing.episodes ELSE existing.episodes + episode.uuid END
  RETURN existing AS fact, false AS created
  UNION
  WITH source, target, item, existing, episode WHERE existing IS NULL
  CREATE (source)-[fact:RELATES_TO {
    uuid: item.uuid,
    projectId: $projectId,
    groupId: $groupId,
    sourceNodeUuid: source.uuid,
    targetNodeUuid: target.uuid,
    name: item.name,
    fact: item.fact,
    episodes: [episode.uuid],
    createdAt: datetime.truncate('millisecond', datetime()),
    validAt: datetime(item.validAt),
    invalidAt: datetime(item.invalidAt)
  }]->(target)
  RETURN fact, true AS created
}
WITH episode, item, fact, created, startNode(fact) AS from, endNode(fact) AS to
MERGE (episode)-[:MENTIONS]->(from)
MERGE (episode)-[:MENTIONS]->(to)
WITH episode, item, fact, created, from, to, coalesce(datetime(item.validAt), episode.createdAt) AS endsAt
CALL (item, fact, endsAt) {
  UNWIND item.contradicts AS oldUuid
  MATCH ()-[old:RELATES_TO {uuid: oldUuid}]->()
  WHERE old.projectId = $projectId AND old.groupId = $groupId AND old <> fact
    AND old.expiredAt IS NULL AND (old.invalidAt IS NULL OR old.invalidAt > datetime())
    AND (old.validAt IS NULL OR old.validAt <= endsAt)
  SET old.invalidAt = endsAt, old.expiredAt = datetime.truncate('millisecond', datetime())
  RETURN collect(old.sourceNodeUuid) + collect(old.targetNodeUuid) AS ended
}
RETURN fact.uuid AS uuid, created, CASE WHEN created THEN [from.uuid, to.uuid] ELSE [] END + ended AS nodes
