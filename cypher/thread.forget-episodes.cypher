// Before a thread goes: removes its episodes, the facts that only they support, and the episodes' ids
// from facts that other episodes support too. The caller holds the user's lock (user.lock).
// Facts cite episodes that mention the fact's nodes, so the facts are found from the episodes' mentions.
// Params: $projectId, $threadId.
// Returns: one row, `affected` (uuids of nodes that lost a fact or a mention), `deletedFacts`,
// `deletedEpisodes`; no row for an unknown thread.
MATCH (u:User)-[:HAS_THREAD]->(:Thread {projectId: $projectId, threadId: $threadId})
OPTIONAL MATCH (episode:Episodic {projectId: $projectId, threadId: $threadId})
WHERE episode.groupId = u.uuid
WITH collect(episode) AS episodes
WITH episodes, [e IN episodes | e.uuid] AS gone
CALL (episodes, gone) {
  UNWIND episodes AS episode
  MATCH (episode)-[:MENTIONS]->(:Entity)-[f:RELATES_TO]-(:Entity)
  WHERE episode.uuid IN f.episodes
  WITH DISTINCT f
  WITH f, [id IN f.episodes WHERE NOT id IN gone] AS remaining, startNode(f).uuid AS fromUuid, endNode(f).uuid AS toUuid
  FOREACH (_ IN CASE WHEN size(remaining) = 0 THEN [1] ELSE [] END | DELETE f)
  FOREACH (_ IN CASE WHEN size(remaining) > 0 THEN [1] ELSE [] END | SET f.episodes = remaining)
  RETURN collect(fromUuid) + collect(toUuid) AS factNodes, sum(CASE WHEN size(remaining) = 0 THEN 1 ELSE 0 END) AS deletedFacts
}
WITH episodes, factNodes, deletedFacts,
  reduce(all = [], e IN episodes | all + [(e)-[:MENTIONS]->(n:Entity) | n.uuid]) AS mentionedNodes
FOREACH (e IN episodes | DETACH DELETE e)
RETURN factNodes + mentionedNodes AS affected, deletedFacts, size(episodes) AS deletedEpisodes
