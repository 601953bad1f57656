// Which of a batch's userIds and threadIds the project already has, read before the batch writes: the
// import skips the users and rejects the lines that would take such a thread.
// Params: $projectId, $userIds, $threadIds (lists of ids).
// Returns: one row, `userIds` and `threadIds`: the taken ones, in input order.
RETURN
  [id IN $userIds WHERE EXISTS { (:User {projectId: $projectId, userId: id}) }] AS userIds,
  [id IN $threadIds WHERE EXISTS { (:Thread {projectId: $projectId, threadId: id}) }] AS threadIds
