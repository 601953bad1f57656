// A project's count of something: the sum of its counter's stripes (at most 16 nodes, read by the index
// behind counter_project_name_stripe).
// Params: $projectId, $name ('users' | 'threads').
// Returns: one row, `count`.
OPTIONAL MATCH (c:Counter {projectId: $projectId, name: $name})
RETURN coalesce(sum(c.count), 0) AS count
