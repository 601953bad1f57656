// Appends messages to a thread, all in this one statement. Its first write takes the thread's write lock
// and reads nothing (as user.lock does for users); only then is `nextSeq` read, so a concurrent call waits
// for that lock and reads the value the other committed: two calls get disjoint, contiguous ranges of
// `seq` and their messages never interleave, whatever locks the caller holds. (Read first, as
// `WITH t.nextSeq AS firstSeq SET ...`, the value is read before any lock and two calls can share it.)
// The caller holds the user's lock (user.lock), taken first by every write to a user's world, so that a
// deletion cannot begin unseen and writes that need several locks never deadlock.
// Params: $projectId, $threadId, $messages (list of {uuid, role, name, content, metadata (JSON text or
//         null), createdAt (ISO text or null)}).
// Returns: one row, `thread` and `userLive` (false when the user's deletion began meanwhile: the caller
// rolls back); no row for an unknown thread.
MATCH (u)-[:HAS_THREAD]->(t:Thread {projectId: $projectId, threadId: $threadId})
SET t.updatedAt = datetime.truncate('millisecond', datetime())
WITH u, t, t.nextSeq AS firstSeq
SET t.nextSeq = firstSeq + size($messages)
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
