// Puts the entities an extraction found into the user's graph and links the episode to each: an entity
// resolved to a node of this graph is that node; a name among the user node's resolveKeys is the user
// node; any other name is the node of that nameKey, created when missing (as fact.add-triple resolves).
// New labels are added to a node's labels, and a description given replaces an entity's description
// (never the user node's: its summary opens with the user's own fields).
// The caller holds the user's lock (user.lock), so resolution cannot race.
// Params: $projectId, $groupId, $episodeUuid, $entities (list of {ref, uuid (for a new node), resolvedUuid,
//         name, nameKey, nameWords, labels, description}).
// Returns: one row per entity, `ref`, `uuid`, `changed` (a new node, or a new description: its summary
// needs recomputing even if no fact of it changes).
MATCH (u:User {projectId: $projectId, uuid: $groupId})-[:HAS_NODE]->(userNode:Entity)
MATCH (episode:Episodic {uuid: $episodeUuid})
WHERE episode.projectId = $projectId AND episode.groupId = $groupId
UNWIND $entities AS item
CALL (u, userNode, item) {
  OPTIONAL MATCH (known:Entity {uuid: item.resolvedUuid})
  WHERE known.projectId = $projectId AND known.groupId = u.uuid
  CALL (u, userNode, item, known) {
    WITH known WHERE known IS NOT NULL
    RETURN known AS node
    UNION
    WITH userNode, item, known WHERE known IS NULL AND item.nameKey IN userNode.resolveKeys
    RETURN userNode AS node
    UNION
    WITH u, userNode, item, known WHERE known IS NULL AND NOT item.nameKey IN userNode.resolveKeys
    MERGE (node:Entity {projectId: $projectId, groupId: u.uuid, nameKey: item.nameKey})
      ON CREATE SET node.uuid = item.uuid, node.name = item.name, node.nameWords = item.nameWords,
        node.labels = ['Entity'], node.summary = '', node.attributes = '{}',
        node.createdAt = datetime.truncate('millisecond', datetime())
    RETURN node
  }
  RETURN node
}
WITH userNode, episode, item, node, node.uuid = item.uuid AS created, node.description AS before
CALL (userNode, item, node) {
  WITH userNode, item, node WHERE node <> userNode
  SET node.labels = coalesce(node.labels, ['Entity']) + [label IN item.labels WHERE NOT label IN coalesce(node.labels, [])],
      node.description = coalesce(item.description, node.description)
}
MERGE (episode)-[:MENTIONS]->(node)
RETURN item.ref AS ref, node.uuid AS uuid,
  created OR (node <> userNode AND item.description IS NOT NULL AND coalesce(before, '') <> item.description) AS changed
