import { randomUUID } from "node:crypto";
import pino from "pino";
import { type App, type AppIngestOptions, createApp } from "../../src/app";
import type { ImportOptions, ImportSummary } from "../../src/import/importFile";
import { type EmbedCounts, type EmbedRequest, embedAndStore } from "../../src/ingest/embedAndStore";
import type { EmbeddingsConfig } from "../../src/modelConfig";
import { importIntoProject } from "../../src/import/importIntoProject";
import { Baseline } from "./baseline";
import type { BenchNeo4j } from "./neo4j";
import { progress } from "./progress";

export type Variables = Record<string, unknown>;

/** A GraphQL operation answered with errors; `codes` are their extensions.code, in order. */
export class GraphQLFailure extends Error {
  constructor(
    message: string,
    readonly codes: string[],
  ) {
    super(message);
  }
}

export interface StatementCount {
  total: number;
  byQuery: Record<string, number>;
}

/**
 * The service as the benchmark drives it: built by createApp like the tests' app (test/support/testApp.ts),
 * in a project of this run's own, with GraphQL executed in process (no socket, so the figures are the
 * service's and Neo4j's, not HTTP's). It holds the baseline's driver beside it.
 */
export interface BenchApp {
  projectId: string;
  /** The Neo4j it runs on, for a scenario that starts an app of its own (see scenarios/ingest.ts). */
  target: BenchNeo4j;
  baseline: Baseline;
  /** Runs one GraphQL operation and returns its data; any GraphQL error fails the benchmark. */
  execute<T = Record<string, unknown>>(query: string, variables?: Variables): Promise<T>;
  /** The service's Cypher statements so far, by Cypher file name (from its Prometheus counter). */
  statements(): Promise<StatementCount>;
  /** Imports an NDJSON file into the run's project, as `npm run import` does. */
  importFile(file: string, options?: ImportOptions): Promise<ImportSummary>;
  /** Embeds and stores the vectors of these facts, nodes and episodes, as ingestion does after an episode. */
  embed(request: EmbedRequest): Promise<EmbedCounts>;
  close(): Promise<void>;
}

/**
 * The app of a run; `ingest` runs an ingestion worker in it (the scenarios but one run none), `embeddings`
 * gives it an embeddings model (the scale scenario's, for semantic search).
 */
export async function startBenchApp(
  target: BenchNeo4j,
  options: { ingest?: AppIngestOptions; embeddings?: EmbeddingsConfig } = {},
): Promise<BenchApp> {
  const projectId = `bench-${randomUUID()}`;
  // Silent, so that logging costs nothing in the figures; BENCH_LOG_LEVEL=error shows what failed.
  const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? "silent" });
  const app = await createApp(
    {
      neo4jUri: target.uri,
      neo4jUsername: target.username,
      neo4jPassword: target.password,
      neo4jDatabase: target.database,
      projectId,
      nodeEnv: "production",
      ingest: options.ingest ? { ...options.ingest, projectIds: [projectId] } : null,
      embeddings: options.embeddings ?? null,
    },
    logger,
  );
  const baseline = Baseline.connect(target);
  return {
    projectId,
    target,
    baseline,
    execute: (query, variables) => execute(app, query, variables),
    statements: () => statements(app),
    importFile: (file, options) => importIntoProject({ db: app.db, projectId, logger }, file, options),
    embed(request) {
      const embedder = app.models.embedder;
      if (!embedder) throw new Error("this bench app has no embeddings model");
      return embedAndStore(app.db, projectId, embedder, request, new AbortController().signal);
    },
    async close() {
      await baseline.close();
      await app.close();
    },
  };
}

/** On a Neo4j the run did not start, it leaves nothing behind but what was there: the app's project goes. */
export async function removeProjectData(app: BenchApp): Promise<void> {
  progress(`removing project ${app.projectId} from the external Neo4j`);
  await app.baseline.autoCommit(
    `MATCH (n) WHERE n.projectId = $projectId CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
    { projectId: app.projectId },
  );
}

async function execute<T>(app: App, query: string, variables?: Variables): Promise<T> {
  const response = await app.server.apollo.executeOperation(
    { query, variables },
    { contextValue: app.server.context() },
  );
  if (response.body.kind !== "single") throw new Error("expected a single GraphQL result, got an incremental one");
  const { data, errors } = response.body.singleResult;
  if (errors?.length) {
    const codes = errors.map((error) => String(error.extensions?.code));
    const detail = errors.map((error, i) => `${codes[i]}: ${error.message}`).join("; ");
    throw new GraphQLFailure(`GraphQL errors in ${query.replace(/\s+/g, " ").slice(0, 80)}: ${detail}`, codes);
  }
  return data as T;
}

async function statements(app: App): Promise<StatementCount> {
  const metric = await app.metrics.cypherQueries.get();
  const byQuery = Object.fromEntries(metric.values.map((value) => [String(value.labels.query), value.value]));
  return { total: Object.values(byQuery).reduce((sum, n) => sum + n, 0), byQuery };
}
