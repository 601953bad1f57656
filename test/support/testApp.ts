import { randomUUID } from "node:crypto";
import neo4j, { type Driver } from "neo4j-driver";
import pino, { type Logger } from "pino";
import { type App, type AppIngestOptions, createApp } from "../../src/app";
import { PROJECT_CALLER } from "../../src/auth/caller";
import { issueApiKey } from "../../src/auth/issueApiKey";
import type { AccessConfig } from "../../src/config";
import { ApiKeyStore } from "../../src/db/apiKeys";
import { DEFAULT_INGEST_SETTINGS } from "../../src/ingest";
import type { ModelConfigs } from "../../src/modelConfig";
import { testNeo4jConfig } from "../setup/neo4jEnv";

export interface GraphQLResult {
  data?: Record<string, any> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[];
}

/**
 * A usergraph app over the test Neo4j, in a project of its own: tests make their own data under a
 * unique projectId, so they never see or disturb another test's users, and `close()` deletes that
 * project's nodes so that a run leaves the shared Neo4j as it found it.
 */
export interface TestApp {
  app: App;
  projectId: string;
  /** A driver for asserting on what the database holds, outside the service. */
  driver: Driver;
  /** Runs an operation in the app's project, or in `projectId` as a request with that project's API key is run. */
  execute(query: string, variables?: Record<string, unknown>, projectId?: string): Promise<GraphQLResult>;
  /** Executes, expects no errors, and gives the data. */
  data(query: string, variables?: Record<string, unknown>): Promise<any>;
  /** Statements sent to Neo4j while `work` ran, in total and by Cypher file name. */
  countStatements<T>(work: () => Promise<T>): Promise<{ result: T; total: number; byQuery: Record<string, number> }>;
  cypher<T = Record<string, any>>(statement: string, params?: Record<string, unknown>): Promise<T[]>;
  /** A new, real API key of the app's project (of `projectId` when given), as `npm run keys -- create` makes one. */
  newApiKey(projectId?: string): Promise<string>;
  /** Stops the app, then deletes every node of the project if this app made the project up. */
  close(): Promise<void>;
}

/**
 * Starts an app in a new project, or in `projectId` when given: a second app over another app's project
 * (a restart) leaves the project's data to the app that made it, which may still be using it. `nodeEnv`
 * and `access` change how it lets requests in (default: the test mode's defaults). `models` configures the
 * language and embeddings models (a stand-in's, see openAiStandIn); none by default. With `ingest`, the app
 * runs an ingestion worker confined to its own project (other tests' episodes are theirs), polling often and
 * retrying soon; without, episodes stay queued, as most tests expect. The app logs to `logger` when given,
 * else nowhere (TEST_LOG_LEVEL to see it).
 */
export async function startTestApp(
  options: {
    projectId?: string;
    nodeEnv?: "test" | "production";
    access?: Partial<AccessConfig>;
    models?: Partial<ModelConfigs>;
    ingest?: Partial<AppIngestOptions>;
    logger?: Logger;
  } = {},
): Promise<TestApp> {
  const neo = testNeo4jConfig();
  const ownsProject = options.projectId === undefined;
  const projectId = options.projectId ?? `test-${randomUUID()}`;
  const ingest = options.ingest
    ? { ...DEFAULT_INGEST_SETTINGS, pollMs: 100, retryBaseMs: 50, drainMs: 5000, projectIds: [projectId], ...options.ingest }
    : null;
  const app = await createApp(
    {
      neo4jUri: neo.uri,
      neo4jUsername: neo.username,
      neo4jPassword: neo.password,
      neo4jDatabase: neo.database,
      projectId,
      nodeEnv: options.nodeEnv ?? "test",
      // Generous: the service's 3 s fail-fast budget is for production; a busy test machine can take longer
      // than that to hand out a connection, and these tests are about behaviour, not about outages.
      neo4jTimeoutMs: 15_000,
      ...options.access,
      ...options.models,
      ingest,
    },
    options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
  );
  const driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.username, neo.password), {
    disableLosslessIntegers: true,
  });

  const counts = async (): Promise<Record<string, number>> => {
    const metric = await app.metrics.cypherQueries.get();
    return Object.fromEntries(metric.values.map((value) => [String(value.labels.query), value.value]));
  };

  const execute: TestApp["execute"] = async (query, variables, inProject) => {
    const response = await app.server.apollo.executeOperation(
      { query, variables },
      { contextValue: app.server.context(inProject === undefined ? undefined : { projectId: inProject, caller: PROJECT_CALLER }) },
    );
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return response.body.singleResult as GraphQLResult;
  };

  return {
    app,
    projectId,
    driver,
    execute,
    async data(query, variables) {
      const result = await execute(query, variables);
      expect(result.errors).toBeUndefined();
      return result.data;
    },
    async countStatements(work) {
      const before = await counts();
      const result = await work();
      const after = await counts();
      const byQuery: Record<string, number> = {};
      for (const [query, value] of Object.entries(after)) {
        const delta = value - (before[query] ?? 0);
        if (delta > 0) byQuery[query] = delta;
      }
      return { result, total: Object.values(byQuery).reduce((sum, n) => sum + n, 0), byQuery };
    },
    async newApiKey(keyProjectId = projectId) {
      return (await issueApiKey(new ApiKeyStore(app.db), keyProjectId, "test")).key;
    },
    async cypher(statement, params = {}) {
      const result = await driver.executeQuery(statement, params, { database: neo.database });
      return result.records.map((record) => record.toObject() as any);
    },
    async close() {
      try {
        // The app stops first, so that nothing it still had in flight writes after the clean-up.
        await app.close();
        if (ownsProject) await deleteProject(driver, neo.database, projectId);
      } finally {
        await driver.close();
      }
    },
  };
}

/** How many nodes one clean-up transaction deletes: a project of any size goes in bounded memory. */
const CLEANUP_BATCH_SIZE = 1000;

/**
 * Deletes every node of a project, with its relationships, a batch per transaction. Every node the service
 * writes carries the projectId, and so does every node a test writes for it.
 */
async function deleteProject(driver: Driver, database: string, projectId: string): Promise<void> {
  for (;;) {
    const { records } = await driver.executeQuery(
      `MATCH (n {projectId: $projectId}) WITH n LIMIT $batchSize DETACH DELETE n RETURN count(*) AS deleted`,
      { projectId, batchSize: neo4j.int(CLEANUP_BATCH_SIZE) },
      { database },
    );
    if (records[0]?.get("deleted") === 0) return;
  }
}

/** The error codes of a result, in order. */
export function errorCodes(result: GraphQLResult): string[] {
  return (result.errors ?? []).map((error) => String(error.extensions?.code));
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
