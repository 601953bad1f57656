// searchGraph scope EPISODES, and the context block's relevance: episodes by content, confined to one
// user's world by groupId.
CREATE FULLTEXT INDEX episodic_fulltext IF NOT EXISTS
FOR (e:Episodic) ON EACH [e.content, e.groupId]
