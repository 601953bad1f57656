// Adds a fact triple to one user's graph: resolves or creates both nodes, records the FACT_TRIPLE episode,
// and adds the fact, or cites the episode on an identical fact that already holds.
// The caller holds the user's lock (user.lock), so writes to one user's graph are serialised: node
// resolution cannot race, and the summaries recomputed later in the same transaction see every fact.
// A name among the user node's resolveKeys (userId, email, full name, node name) means the user node.
// Params: $projectId, $userId, $source and $target ({uuid, name, nameKey, nameWords, description}),
//         $fact {uuid, name, fact, validAt, invalidAt (ISO text or null)}, $episode {uuid, content},
//         $threadId (or null).
// Returns: one row, `fact`, `userLive`, `threadFound`; no row for an unknown user.
MATCH (u:User {projectId: $projectId, userId: $userId})-[:HAS_NODE]->(userNode:Entity)
OPTIONAL MATCH (u)-[:HAS_THREAD]->(thread:Thread {threadId: $threadId})
WITH u, userNode, thread
CALL (u, userNode) {
  WITH u, userNode WHERE $source.nameKey IN userNode.resolveKeys
  RETURN userNode AS source
  UNION
  WITH u, userNode WHERE NOT $source.nameKey IN userNode.resolveKeys
  MERGE (source:Entity {projectId: $projectId, groupId: u.uuid, nameKey: $source.nameKey})
    ON CREATE SET source.uuid = $source.uuid, source.name = $source.name, source.nameWords = $source.nameWords,
      source.labels = ['Entity'], source.summary = '', source.attributes = '{}',
      source.createdAt = datetime.truncate('millisecond', datetime())
  SET source.description = coalesce($source.description, source.description)
  RETURN source
}
CALL (u, userNode) {
  WITH u, userNode WHERE $target.nameKey IN userNode.resolveKeys
  RETURN userNode AS target
  UNION
  WITH u, userNode WHERE NOT $target.nameKey IN userNode.resolveKeys
  MERGE (target:Entity {projectId: $projectId, groupId: u.uuid, nameKey: $target.nameKey})
    ON CREATE SET target.uuid = $target.uuid, target.name = $target.name, target.nameWords = $target.nameWords,
      target.labels = ['Entity'], target.summary = '', target.attributes = '{}',
      target.createdAt = datetime.truncate('millisecond', datetime())
  SET target.description = coalesce($target.description, target.description)
  RETURN target
}
CREATE (episode:Episodic {
  uuid: $episode.uuid,
  projectId: $projectId,
  groupId: u.uuid,
  content: $episode.content,
  source: 'FACT_TRIPLE',
  threadId: thread.threadId,
  createdAt: datetime.truncate('millisecond', datetime())
})
MERGE (episode)-[:MENTIONS]->(source)
MERGE (episode)-[:MENTIONS]->(target)
WITH u, thread, source, target, episode
OPTIONAL MATCH (source)-[same:RELATES_TO {name: $fact.name}]->(target)
WHERE same.expiredAt IS NULL
  AND toLower(same.fact) = toLower($fact.fact)
  AND ((same.validAt IS NULL AND $fact.validAt IS NULL) OR same.validAt = datetime($fact.validAt))
  AND ((same.invalidAt IS NULL AND $fact.invalidAt IS NULL) OR same.invalidAt = datetime($fact.invalidAt))
WITH u, thread, source, target, episode, head(collect(same)) AS same
CALL (u, source, target, episode, same) {
  WITH same, episode WHERE same IS NOT NULL
  SET same.episodes = same.episodes + episode.uuid
  RETURN same AS fact
  UNION
  WITH u, source, target, episode, same WHERE same IS NULL
  CREATE (source)-[fact:RELATES_TO {
    uuid: $fact.uuid,
    projectId: $projectId,
    groupId: u.uuid,
    sourceNodeUuid: source.uuid,
    targetNodeUuid: target.uuid,
    name: $fact.name,
    fact: $fact.fact,
    episodes: [episode.uuid],
    createdAt: datetime.truncate('millisecond', datetime()),
    validAt: datetime($fact.validAt),
    invalidAt: datetime($fact.invalidAt)
  }]->(target)
  RETURN fact
}
RETURN fact {.*, sourceNodeUuid: source.uuid, targetNodeUuid: target.uuid} AS fact,
  u:User AS userLive,
  ($threadId IS NULL OR thread IS NOT NULL) AS threadFound
