// searchGraph scope NODES: nodes by name and summary, confined to one user's world by groupId.
CREATE FULLTEXT INDEX entity_fulltext IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.summary, n.groupId]
