// Starts a project's "threads" counter from the threads already stored, once: for data written before
// the counter existed. The count goes on a stripe of its own, -1, the base, which no writer touches
// (they add to stripes 0 to 15), so the base's presence means the counter was started. Run before the
// service takes writes. Two instances starting together may both count, but MERGE on
// counter_project_name_stripe lets only one create the base; the other finds it and sets nothing.
// The threads are counted from the project's entries of thread_project_thread_id, not from the label.
// Params: $projectId.
// Returns: one row, `threads` (what was counted), when the base was missing; no row when it was there.
OPTIONAL MATCH (existing:Counter {projectId: $projectId, name: 'threads', stripe: -1})
WITH existing WHERE existing IS NULL
CALL () {
  MATCH (t:Thread {projectId: $projectId}) WHERE t.threadId IS NOT NULL
  RETURN count(t) AS threads
}
MERGE (base:Counter {projectId: $projectId, name: 'threads', stripe: -1})
ON CREATE SET base.count = threads
RETURN threads
