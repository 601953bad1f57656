// One numbered page of the project's threads (Zep's thread list_all). ORDER BY cannot take a parameter,
// so there is one branch per order and direction, each behind a gate on the parameters: only the chosen
// branch reads anything. Each reads its own index in order (threadId, the tie-break, is in every one, and
// the ORDER BY names the fixed projectId too, which is how the planner sees the index gives the order), so
// a page streams past $skip threads and stops: no sort of the project. Threads of a user being deleted
// are left out.
// Params: $projectId, $orderBy ('CREATED_AT' | 'UPDATED_AT' | 'USER_ID' | 'THREAD_ID'), $asc, $skip, $limit.
// Returns: one row: `threads` (list, in the requested order).
CALL () {
  WITH 1 AS chosen WHERE $orderBy = 'CREATED_AT' AND $asc
  MATCH (t:Thread {projectId: $projectId}) USING INDEX SEEK t:Thread(projectId, createdAt, threadId)
  WHERE t.createdAt IS NOT NULL AND t.threadId IS NOT NULL AND EXISTS { (:User)-[:HAS_THREAD]->(t) }
  WITH t ORDER BY t.projectId ASC, t.createdAt ASC, t.threadId ASC SKIP $skip LIMIT $limit
  RETURN t
  UNION ALL
  WITH 1 AS chosen WHERE $orderBy = 'CREATED_AT' AND NOT $asc
  MATCH (t:Thread {projectId: $projectId}) USING INDEX SEEK t:Thread(projectId, createdAt, threadId)
  WHERE t.createdAt IS NOT NULL AND t.threadId IS NOT NULL AND EXISTS { (:User)-[:HAS_THREAD]->(t) }
  WITH t ORDER BY t.projectId DESC, t.createdAt DESC, t.threadId DESC SKIP $skip LIMIT $limit
  RETURN t
  UNION ALL
  WITH 1 AS chosen WHERE $orderBy = 'UPDATED_AT' AND $asc
  MATCH (t:Thread {projectId: $projectId}) USING INDEX SEEK t:Thread(projectId, updatedAt, threadId)
  WHERE t.updatedAt IS NOT NULL AND t.threadId IS NOT NULL AND EXISTS { (:User)-[:HAS_THREAD]->(t) }
  WITH t ORDER BY t.projectId ASC, t.updatedAt ASC, t.threadId ASC SKIP $skip LIMIT $limit
  RETURN t
  UNION ALL
  WITH 1 AS chosen WHERE $orderBy = 'UPDATED_AT' AND NOT $asc
  MATCH (t:Thread {projectId: $projectId}) USING INDEX SEEK t:Thread(projectId, updatedAt, threadId)
  WHERE t.updatedAt IS NOT NULL AND t.threadId IS NOT NULL AND EXISTS { (:User)-[:HAS_THREAD]->(t) }
  WITH t ORDER BY t.projectId DESC, t.updatedAt DESC, t.threadId DESC SKIP $skip LIMIT $limit
  RETURN t
  UNION ALL
  WITH 1 AS chosen WHERE $orderBy = 'USER_ID' AND $asc
  MATCH (t:Thread {projectId: $projectId}) USING INDEX SEEK t:Thread(projectId, userId, threadId)
  WHERE t.userId IS NOT NULL AND t.threadId IS NOT NULL AND EXISTS { (:User)-[:HAS_THREAD]->(t) }
  WITH t ORDER BY t.projectId ASC, t.userId ASC, t.threadId ASC SKIP $skip LIMIT $limit
  RETURN t
  UNION ALL
  WITH 1 AS chosen WHERE $orderBy = 'USER_ID' AND NOT $asc
  MATCH (t:Thread {projectId: $projectId}) USING INDEX SEEK t:Thread(projectId, userId, threadId)
  WHERE t.userId IS NOT NULL AND t.threadId IS NOT NULL AND EXISTS { (:User)-[:HAS_THREAD]->(t) }
  WITH t ORDER BY t.projectId DESC, t.userId DESC, t.threadId DESC SKIP $skip LIMIT $limit
  RETURN t
  UNION ALL
  WITH 1 AS chosen WHERE $orderBy = 'THREAD_ID' AND $asc
  MATCH (t:Thread {projectId: $projectId}) USING INDEX SEEK t:Thread(projectId, threadId)
  WHERE t.threadId IS NOT NULL AND EXISTS { (:User)-[:HAS_THREAD]->(t) }
  WITH t ORDER BY t.projectId ASC, t.threadId ASC SKIP $skip LIMIT $limit
  RETURN t
  UNION ALL
  WITH 1 AS chosen WHERE $orderBy = 'THREAD_ID' AND NOT $asc
  MATCH (t:Thread {projectId: $projectId}) USING INDEX SEEK t:Thread(projectId, threadId)
  WHERE t.threadId IS NOT NULL AND EXISTS { (:User)-[:HAS_THREAD]->(t) }
  WITH t ORDER BY t.projectId DESC, t.threadId DESC SKIP $skip LIMIT $limit
  RETURN t
}
RETURN collect(t {.threadId, .uuid, .userId, .groupId, .metadata, createdAt: t.createdAt.epochMillis,
  updatedAt: t.updatedAt.epochMillis, messageCount: t.nextSeq}) AS threads
