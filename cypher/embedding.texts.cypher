// The texts that some facts, nodes and episodes of a project are embedded from: a fact's sentence, a node's
// name with its summary, an episode's content. Each uuid is one unique-index lookup; unknown ones are left out.
// Params: $projectId, $factUuids, $nodeUuids, $episodeUuids.
// Returns: one row: `facts`, `nodes`, `episodes`, each a list of {uuid, text} in input order.
CALL () {
  UNWIND $factUuids AS uuid
  MATCH ()-[f:RELATES_TO {uuid: uuid}]->()
  WHERE f.projectId = $projectId
  RETURN collect({uuid: uuid, text: f.fact}) AS facts
}
CALL () {
  UNWIND $nodeUuids AS uuid
  MATCH (n:Entity {uuid: uuid})
  WHERE n.projectId = $projectId
  RETURN collect({uuid: uuid, text: CASE WHEN coalesce(n.summary, '') = '' THEN n.name ELSE n.name + ': ' + n.summary END}) AS nodes
}
CALL () {
  UNWIND $episodeUuids AS uuid
  MATCH (e:Episodic {uuid: uuid})
  WHERE e.projectId = $projectId
  RETURN collect({uuid: uuid, text: e.content}) AS episodes
}
RETURN facts, nodes, episodes
