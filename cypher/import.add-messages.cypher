// Adds the messages of threads that import.create-threads made in the same transaction, each with its
// MESSAGE episode queued for ingestion, as message.add and episode.add-batch do for addMessages, and marks
// their users as addMessages marks a user by locking it (user.lock: worldWrittenAt). The users are new, so
// their queues start here: the caller numbers each user's episodes (ingestSeq) and gives the user's total. A new user's graph holds only the
// user node, so an episode mentions that node or nothing: the node when the episode's words contain one of
// its matchKeys (the same test as episode.add-batch).
// Params: $projectId, $messages (list of {threadUuid, uuid, seq (0, 1, … within each thread), role, name,
//         content, metadata (JSON text or null), createdAt (ISO text or null), episodeUuid,
//         sourceDescription, padded (the content's words, space-padded), ingestSeq (the episode's number in
//         its user's queue), ingestNextSeq (the user's episodes in this batch)}).
// Returns: nothing.
UNWIND $messages AS m
MATCH (u:User)-[:HAS_THREAD]->(t:Thread {projectId: $projectId, uuid: m.threadUuid})
MATCH (u)-[:HAS_NODE]->(userNode:Entity)
SET u.worldWrittenAt = datetime(),
    u.ingestNextSeq = m.ingestNextSeq,
    u.ingestReadyAt = coalesce(u.ingestReadyAt, datetime.truncate('millisecond', datetime()))
CREATE (t)-[:HAS_MESSAGE]->(:Message {
  projectId: t.projectId,
  groupId: t.groupId,
  threadUuid: t.uuid,
  uuid: m.uuid,
  seq: m.seq,
  role: m.role,
  name: m.name,
  content: m.content,
  metadata: m.metadata,
  processed: false,
  createdAt: CASE WHEN m.createdAt IS NULL
    THEN datetime.truncate('millisecond', datetime())
    ELSE datetime(m.createdAt) END
})
CREATE (episode:Episodic:Pending {
  uuid: m.episodeUuid,
  projectId: $projectId,
  groupId: u.uuid,
  content: m.content,
  source: 'MESSAGE',
  sourceDescription: m.sourceDescription,
  threadId: t.threadId,
  messageUuid: m.uuid,
  createdAt: coalesce(datetime(m.createdAt), datetime.truncate('millisecond', datetime())),
  queuedAt: datetime.truncate('millisecond', datetime()),
  ingestState: 'PENDING',
  ingestSeq: m.ingestSeq,
  ingestAttempts: 0
})
WITH episode, userNode, m
WHERE any(key IN coalesce(userNode.matchKeys, []) WHERE m.padded CONTAINS (' ' + key + ' '))
CREATE (episode)-[:MENTIONS]->(userNode)
