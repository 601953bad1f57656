// Records episodes in one user's graph and links each to every node it names: a node of the user's graph
// whose name's words occur in the episode's words, and the user node when the episode contains the user's
// email, userId or full name (the node's matchKeys). Words were computed by the caller; a padded word
// string makes CONTAINS a word-boundary test. The caller holds the user's lock (user.lock).
// Each episode is queued for ingestion in the same transaction: the Pending label, its number in the
// user's queue (ingestSeq, from the user's ingestNextSeq: read after the lock, so never shared), and the
// user's ingestReadyAt, set to now unless a claim or a retry already set it.
// Params: $projectId, $groupId (the user's uuid), $episodes (list of {uuid, content, padded, source,
//         sourceDescription, threadId, messageUuid, createdAt (ISO text or null)}).
// Returns: one row, `episodes` (list of maps, in input order, each with `mentioned` uuids) and `userLive`;
// no row for an unknown user.
MATCH (u:User {projectId: $projectId, uuid: $groupId})-[:HAS_NODE]->(userNode:Entity)
WITH u, userNode, coalesce(u.ingestNextSeq, 0) AS firstSeq
SET u.ingestNextSeq = firstSeq + size($episodes),
    u.ingestReadyAt = coalesce(u.ingestReadyAt, datetime.truncate('millisecond', datetime()))
WITH u, userNode, firstSeq
UNWIND range(0, size($episodes) - 1) AS position
WITH u, userNode, firstSeq, position, $episodes[position] AS item
CREATE (episode:Episodic:Pending {
  uuid: item.uuid,
  projectId: $projectId,
  groupId: u.uuid,
  content: item.content,
  source: item.source,
  sourceDescription: item.sourceDescription,
  threadId: item.threadId,
  messageUuid: item.messageUuid,
  createdAt: coalesce(datetime(item.createdAt), datetime.truncate('millisecond', datetime())),
  queuedAt: datetime.truncate('millisecond', datetime()),
  ingestState: 'PENDING',
  ingestSeq: firstSeq + position,
  ingestAttempts: 0
})
WITH u, userNode, position, item, episode
CALL (u, userNode, item, episode) {
  CALL (u, userNode, item) {
    MATCH (n:Entity {projectId: $projectId, groupId: u.uuid})
    WHERE n <> userNode AND n.nameWords IS NOT NULL AND item.padded CONTAINS (' ' + n.nameWords + ' ')
    RETURN n
    UNION
    WITH userNode, item
    WHERE any(key IN coalesce(userNode.matchKeys, []) WHERE item.padded CONTAINS (' ' + key + ' '))
    RETURN userNode AS n
  }
  CREATE (episode)-[:MENTIONS]->(n)
  RETURN collect(n.uuid) AS mentioned
}
WITH u, position, episode {.*, mentioned: mentioned} AS recorded
ORDER BY position
RETURN collect(recorded) AS episodes, head(collect(u:User)) AS userLive
