// Takes the write lock of a user, the first lock of every write to the user's world, so that such writes
// queue on one lock in one order and never deadlock. Found by element id, the lock is the only lock taken
// (a unique-index seek in an updating statement would first lock an index entry). The value written reads
// nothing: a second self-dependent write to the same node in one transaction (`x = x + 1` twice) is what
// made Neo4j report deadlocks under concurrency.
// Params: $ownerId (element id from thread.owner and the like).
// Returns: one row, `userLive` (false once the user's deletion has begun); no row when the node is gone.
MATCH (u)
WHERE elementId(u) = $ownerId
SET u.worldWrittenAt = datetime()
RETURN u:User AS userLive
