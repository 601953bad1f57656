// Appends messages to a thread, all in this one statement. Raising the thread's sequence counter from its
// own value is a direct dependency, for which Cypher takes the thread's write lock before reading: two
// concurrent calls get disjoint, contiguous ranges of `seq`, so their messages never interleave.
// The caller holds the user's lock (user.lock), taken first by every write to a user's world, so that a
// deletion cannot begin unseen and writes that need several locks never deadlock.
// Params: $projectId, $threadId, $messages (list of {uuid, role, name, content, metadata (JSON text or
//         null), createdAt (ISO text or null)}).
// Returns: one row, `thread` and `userLive` (false when the user's deletion began meanwhile: the caller
// rolls back); no row for an unknown thread.
MATCH (u)-[:HAS_THREAD]->(t:Thread {projectId: $projectId, threadId: $threadId})
WITH u, t, t.nextSeq AS firstSeq
SET t.nextSeq = firstSeq + size($messages),
    t.updatedAt = datetime.truncate('millisecond', datetime())
WITH u, t, firstSeq
CALL (t, firstSeq) {
  UNWIND range(0, size($messages) - 1) AS i
  WITH t, firstSeq, i, $messages[i] AS m
  CREATE (t)-[:HAS_MESSAGE]->(:Message {
    projectId: t.projectId,
    groupId: t.groupId,
    threadUuid: t.uuid,
    uuid: m.uuid,
    seq: firstSeq + i,
    role: m.role,
    name: m.name,
    content: m.content,
    metadata: m.metadata,
    createdAt: CASE WHEN m.createdAt IS NULL
      THEN datetime.truncate('millisecond', datetime())
      ELSE datetime(m.createdAt) END
  })
}
RETURN t {.*, messageCount: COUNT { (t)-[:HAS_MESSAGE]->() }} AS thread, u:User AS userLive
