// What an extractor reads for one claimed episode: the user and the user's node, the episode (with its
// message's role and speaker), a few earlier episodes for context, the nodes the episode may be about (the
// nodes it mentions and the user node's nearest neighbours, newest facts first) and the currently valid
// facts of those nodes and of the user node. Every list is bounded and read in order from an index.
// Params: $projectId, $groupId, $episodeUuid, $token (the claim), $previousLimit, $candidateLimit,
//         $factsPerNode, $factLimit.
// Returns: one row: `user`, `node`, `episode`, `role`, `speaker`, `previous`, `candidates`, `facts`; no row
// when the user is gone or being deleted, or the claim is no longer this one.
MATCH (u:User {projectId: $projectId, uuid: $groupId})-[:HAS_NODE]->(userNode:Entity)
MATCH (e:Episodic {uuid: $episodeUuid})
USING INDEX SEEK e:Episodic(uuid)
WHERE e.projectId = $projectId AND e.groupId = $groupId AND e.claimToken = $token
OPTIONAL MATCH (m:Message {uuid: e.messageUuid})
WHERE m.projectId = $projectId
CALL (e) {
  OPTIONAL MATCH (p:Episodic {projectId: $projectId, groupId: $groupId})
  USING INDEX SEEK p:Episodic(projectId, groupId, createdAt, uuid)
  WHERE p.createdAt < e.createdAt AND p.uuid IS NOT NULL AND p.source <> 'FACT_TRIPLE'
  WITH p ORDER BY p.projectId DESC, p.groupId DESC, p.createdAt DESC, p.uuid DESC LIMIT $previousLimit
  OPTIONAL MATCH (said:Message {uuid: p.messageUuid})
  WHERE said.projectId = $projectId
  RETURN collect(p {.content, role: said.role, createdAt: p.createdAt.epochMillis}) AS previous
}
CALL (e, userNode) {
  CALL (e, userNode) {
    MATCH (e)-[:MENTIONS]->(n:Entity)
    WHERE n <> userNode
    WITH n LIMIT $candidateLimit
    RETURN n
    UNION
    WITH userNode, userNode.uuid AS userNodeUuid
    MATCH ()-[f:RELATES_TO {projectId: $projectId, sourceNodeUuid: userNodeUuid}]->(n:Entity)
    USING INDEX SEEK f:RELATES_TO(projectId, sourceNodeUuid, createdAt, uuid)
    WHERE f.createdAt IS NOT NULL AND f.uuid IS NOT NULL AND f.expiredAt IS NULL AND n <> userNode
    WITH f, n ORDER BY f.projectId DESC, f.sourceNodeUuid DESC, f.createdAt DESC, f.uuid DESC LIMIT $candidateLimit
    RETURN n
  }
  WITH DISTINCT n LIMIT $candidateLimit
  RETURN collect(n) AS candidates
}
CALL (userNode, candidates) {
  UNWIND [userNode] + candidates AS n
  // Validity as one coalesce, not an OR: the planner splits an OR into two seeks whose union loses the
  // index order, and then sorts every fact of the node (plans.ingest.test.ts).
  WITH n.uuid AS nodeUuid
  CALL (nodeUuid) {
    MATCH ()-[f:RELATES_TO {projectId: $projectId, sourceNodeUuid: nodeUuid}]->()
    USING INDEX SEEK f:RELATES_TO(projectId, sourceNodeUuid, createdAt, uuid)
    WHERE f.createdAt IS NOT NULL AND f.uuid IS NOT NULL
      AND f.expiredAt IS NULL AND coalesce(f.invalidAt > datetime(), true)
    WITH f ORDER BY f.projectId DESC, f.sourceNodeUuid DESC, f.createdAt DESC, f.uuid DESC LIMIT $factsPerNode
    RETURN f
    UNION
    MATCH ()-[f:RELATES_TO {projectId: $projectId, targetNodeUuid: nodeUuid}]->()
    USING INDEX SEEK f:RELATES_TO(projectId, targetNodeUuid, createdAt, uuid)
    WHERE f.createdAt IS NOT NULL AND f.uuid IS NOT NULL
      AND f.expiredAt IS NULL AND coalesce(f.invalidAt > datetime(), true)
    WITH f ORDER BY f.projectId DESC, f.targetNodeUuid DESC, f.createdAt DESC, f.uuid DESC LIMIT $factsPerNode
    RETURN f
  }
  WITH DISTINCT f LIMIT $factLimit
  RETURN collect(f {.uuid, .groupId, .name, .fact, .sourceNodeUuid, .targetNodeUuid, .episodes, createdAt: f.createdAt.epochMillis,
    validAt: f.validAt.epochMillis, invalidAt: f.invalidAt.epochMillis}) AS facts
}
RETURN u {.userId, .uuid, .email, .firstName, .lastName} AS user, userNode {.uuid, .name} AS node,
  e {.uuid, .source, .content, createdAt: e.createdAt.epochMillis} AS episode, m.role AS role, m.name AS speaker,
  previous, [n IN candidates | n {.uuid, .name, .labels, .summary}] AS candidates, facts
