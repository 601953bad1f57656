// Creates the threads of users that user.create made in the same transaction, as thread.create does for
// one, with the sequence counter already past the messages that import.add-messages adds.
// Params: $projectId, $threads (list of {userUuid, threadId, uuid, metadata (JSON text or null),
//         messageCount}).
// Returns: nothing. A taken threadId fails the batch on the thread_project_thread_id constraint.
UNWIND $threads AS thread
MATCH (u:User {projectId: $projectId, uuid: thread.userUuid})
CREATE (u)-[:HAS_THREAD]->(:Thread {
  projectId: $projectId,
  groupId: u.uuid,
  threadId: thread.threadId,
  uuid: thread.uuid,
  userId: u.userId,
  metadata: thread.metadata,
  nextSeq: thread.messageCount,
  createdAt: datetime.truncate('millisecond', datetime()),
  updatedAt: datetime.truncate('millisecond', datetime())
})
