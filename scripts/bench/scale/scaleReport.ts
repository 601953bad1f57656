// What the scale scenario measured, as scale/report.ts prints it and report.ts writes it into the results
// file: in a module of its own, so that neither imports the scenario that fills it.
import type { LoadResult } from "./load";
import type { QuietWait } from "./quiet";
import type { ReadTiming } from "./reads";

export interface ScaleSize {
  users: number;
  /** How long importing up to this size took, and at what rate. */
  import: { users: number; seconds: number; usersPerSecond: number };
  /** The threaded users given a graph after the import, and how long writing them took. */
  graphs: { users: number; seconds: number };
  /** How long Neo4j went on working after the import before the reads were timed. */
  quiet: QuietWait;
  reads: Record<string, ReadTiming>;
  load: Record<string, LoadResult>;
}

export interface ScaleReport {
  clients: number;
  loadSeconds: number;
  sizes: [ScaleSize, ScaleSize];
}
