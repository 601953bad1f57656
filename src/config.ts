import { DEFAULT_INGEST_SETTINGS as INGEST } from "./ingest/settings";
import { localNeo4jDefaults } from "./localNeo4j/defaults";

/**
 * The service's configuration, read from the environment once at start-up. Every problem is reported
 * at once, by variable name, so a misconfigured deployment fails with one clear message.
 */
export interface Config {
  port: number;
  /** null: start (or reuse) the local Neo4j that the project runs itself. */
  neo4jUri: string | null;
  /** Where that local Neo4j listens and keeps its data (used only when neo4jUri is null). */
  localNeo4jPort: number;
  localNeo4jDataDir: string;
  neo4jUsername: string;
  neo4jPassword: string;
  neo4jDatabase: string;
  projectId: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  nodeEnv: "development" | "production" | "test";
  /** How long a request waits for a connection, a connect or the driver's retries before SERVICE_UNAVAILABLE. */
  neo4jTimeoutMs: number;
  /** The longest a transaction may run on the server before Neo4j ends it. */
  neo4jTransactionTimeoutMs: number;
  /** On SIGTERM: how long the process answers unready, still serving, before it drains and stops. */
  shutdownDelayMs: number;
  ingest: IngestConfig;
}

/** The ingestion worker that turns episodes into facts (see src/ingest). */
export interface IngestConfig {
  /** false: this process serves but leaves the queue to other instances. */
  enabled: boolean;
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  extractTimeoutMs: number;
  drainMs: number;
}

export const LOCAL_NEO4J_DEFAULTS = {
  username: localNeo4jDefaults.username,
  password: localNeo4jDefaults.password,
  database: "neo4j",
} as const;

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const NODE_ENVS = ["development", "production", "test"] as const;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const text = (name: string, fallback: string): string => {
    const value = env[name]?.trim();
    if (value === undefined || value === "") return fallback;
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = text(name, fallback);
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${name} must be one of ${allowed.join(", ")}; got "${value}"`);
    return fallback;
  };

  const portNumber = (name: string, fallback: number, min: number): number => {
    const value = text(name, String(fallback));
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > 65535) {
      problems.push(`${name} must be a whole number from ${min} to 65535; got "${value}"`);
    }
    return parsed;
  };
  const port = portNumber("PORT", 4000, 0);
  const milliseconds = (name: string, fallback: number, min: number, max: number): number => {
    const value = text(name, String(fallback));
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
      problems.push(`${name} must be a whole number of milliseconds from ${min} to ${max}; got "${value}"`);
    }
    return parsed;
  };

  const wholeNumber = (name: string, fallback: number, min: number, max: number): number => {
    const value = text(name, String(fallback));
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}; got "${value}"`);
    }
    return parsed;
  };

  const uriText = env.NEO4J_URI?.trim();
  const neo4jUri = uriText ? uriText : null;
  if (neo4jUri !== null && !/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/.test(neo4jUri)) {
    problems.push(`NEO4J_URI must look like bolt://host:7687 or neo4j+s://host; got "${neo4jUri}"`);
  }
  if (neo4jUri !== null && !env.NEO4J_PASSWORD?.trim()) {
    problems.push("NEO4J_PASSWORD is required when NEO4J_URI is set");
  }

  const projectId = text("PROJECT_ID", "default");
  if (projectId.length > 200) problems.push("PROJECT_ID must be at most 200 characters");

  const config: Config = {
    port,
    neo4jUri,
    localNeo4jPort: portNumber("NEO4J_LOCAL_PORT", localNeo4jDefaults.port, 1),
    localNeo4jDataDir: text("NEO4J_LOCAL_DATA", localNeo4jDefaults.dataDir),
    neo4jUsername: text("NEO4J_USERNAME", LOCAL_NEO4J_DEFAULTS.username),
    // Never trimmed: spaces may be part of a password.
    neo4jPassword: env.NEO4J_PASSWORD?.trim() ? env.NEO4J_PASSWORD : LOCAL_NEO4J_DEFAULTS.password,
    neo4jDatabase: text("NEO4J_DATABASE", LOCAL_NEO4J_DEFAULTS.database),
    projectId,
    logLevel: oneOf("LOG_LEVEL", LOG_LEVELS, "info"),
    nodeEnv: oneOf("NODE_ENV", NODE_ENVS, "development"),
    neo4jTimeoutMs: milliseconds("NEO4J_TIMEOUT_MS", 3000, 100, 60_000),
    neo4jTransactionTimeoutMs: milliseconds("NEO4J_TRANSACTION_TIMEOUT_MS", 30_000, 1000, 3_600_000),
    shutdownDelayMs: milliseconds("SHUTDOWN_DELAY_MS", 0, 0, 120_000),
    ingest: {
      enabled: oneOf("INGEST_ENABLED", ["true", "false"] as const, "true") === "true",
      concurrency: wholeNumber("INGEST_CONCURRENCY", INGEST.concurrency, 1, 64),
      leaseMs: milliseconds("INGEST_LEASE_MS", INGEST.leaseMs, 5000, 3_600_000),
      pollMs: milliseconds("INGEST_POLL_MS", INGEST.pollMs, 50, 60_000),
      maxAttempts: wholeNumber("INGEST_MAX_ATTEMPTS", INGEST.maxAttempts, 1, 20),
      retryBaseMs: milliseconds("INGEST_RETRY_MS", INGEST.retryBaseMs, 10, 600_000),
      extractTimeoutMs: milliseconds("INGEST_TIMEOUT_MS", INGEST.extractTimeoutMs, 1000, 3_600_000),
      drainMs: milliseconds("INGEST_DRAIN_MS", INGEST.drainMs, 0, 120_000),
    },
  };
  // A production image has no Maven and no Java: it cannot start the local Neo4j, so say so by name.
  if (config.nodeEnv === "production" && neo4jUri === null) {
    problems.push("NEO4J_URI is required in production (the local Neo4j is for development and tests)");
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  - ${problems.join("\n  - ")}`);
  return config;
}
