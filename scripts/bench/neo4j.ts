// Where the benchmark runs: the Neo4j named by NEO4J_BENCH_URI (with NEO4J_BENCH_PASSWORD, and
// NEO4J_BENCH_USERNAME / NEO4J_BENCH_DATABASE when not `neo4j`), else a throwaway one started for this
// run the way the tests start theirs (test/setup/globalSetup.ts): a free port, a temporary data
// directory and a random password, tied to this process so that even a crashed run leaves no Neo4j behind.
import { startThrowawayNeo4j } from "../../src/localNeo4j";
import { UsageError } from "./usageError";

export interface BenchNeo4j {
  uri: string;
  username: string;
  password: string;
  database: string;
  /** "throwaway": started by this run, removed by stop(); "external": given by NEO4J_BENCH_URI, left running. */
  kind: "throwaway" | "external";
  /** The throwaway Neo4j's process; null for an external one, which may be on another machine. */
  pid: number | null;
  /** Stops a throwaway Neo4j and deletes its store; does nothing for an external one. */
  stop(): Promise<void>;
}

/** The throwaway Neo4j's memory: the Launcher's defaults (1 GiB heap, 256 MiB page cache) unless given. */
export interface BenchMemory {
  heap?: string;
  pageCache?: string;
}

export async function benchNeo4j(memory: BenchMemory = {}): Promise<BenchNeo4j> {
  const { NEO4J_BENCH_URI, NEO4J_BENCH_USERNAME, NEO4J_BENCH_PASSWORD, NEO4J_BENCH_DATABASE } = process.env;
  if (!NEO4J_BENCH_URI) return throwawayBenchNeo4j(memory);
  if (NEO4J_BENCH_PASSWORD === undefined) {
    throw new UsageError(`NEO4J_BENCH_PASSWORD is not set, but NEO4J_BENCH_URI is (${NEO4J_BENCH_URI})`);
  }
  return {
    uri: NEO4J_BENCH_URI,
    username: NEO4J_BENCH_USERNAME || "neo4j",
    password: NEO4J_BENCH_PASSWORD,
    database: NEO4J_BENCH_DATABASE || "neo4j",
    kind: "external",
    pid: null,
    stop: () => Promise.resolve(),
  };
}

async function throwawayBenchNeo4j(memory: BenchMemory): Promise<BenchNeo4j> {
  const neo4j = await startThrowawayNeo4j({ label: "bench", ...memory });
  return { ...neo4j, database: "neo4j", kind: "throwaway" };
}
