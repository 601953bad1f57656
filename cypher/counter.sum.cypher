// A project's count of something: the sum of its counter's stripes (at most 17 nodes: the 16 stripes
// writers add to and the base a start-up count may leave, read by the index behind
// counter_project_name_stripe; the planner uses a composite index only with a predicate on each of its
// properties, hence the one on stripe).
// Params: $projectId, $name ('users' | 'threads').
// Returns: one row, `count`.
// The stripe predicate lets the planner use that composite index, which needs a predicate on every property.
OPTIONAL MATCH (c:Counter {projectId: $projectId, name: $name})
WHERE c.stripe IS NOT NULL
RETURN coalesce(sum(c.count), 0) AS count
