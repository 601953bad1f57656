import type { LazyCount } from "../model";

/**
 * A page's total, started before the page is read when the caller will ask for it (a selected `totalCount`,
 * a Zep list that always answers `total_count`), so the two reads overlap instead of following each other.
 * Unwanted, it stays lazy and costs nothing.
 */
export function totalAlongside(count: LazyCount, wanted: boolean): LazyCount {
  if (!wanted) return count;
  const started = count();
  // When the page fails nobody asks for the total; whoever does ask still sees its error.
  started.catch(() => undefined);
  return () => started;
}
