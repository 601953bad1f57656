import { DEFAULT_INGEST_SETTINGS as INGEST } from "./ingest/settings";
import { localNeo4jDefaults } from "./localNeo4j/defaults";
import { type ModelConfigs, loadModelConfigs } from "./modelConfig";

/**
 * The service's configuration, read from the environment once at start-up. Every problem is reported
 * at once, by variable name, so a misconfigured deployment fails with one clear message.
 */
export interface Config extends ModelConfigs {
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
  /** How end users' tokens are verified; null: no end-user tokens, only API keys. */
  jwt: JwtConfig | null;
  /** The origins browsers may call from: "*" for any. */
  corsOrigins: "*" | readonly string[];
  /** Requests per minute per API key, per end user, and per client address for anonymous requests. */
  rateLimitPerMinute: number;
  graphqlIntrospection: boolean;
  /** The estimated cost above which a GraphQL operation is refused before it runs (src/limits/queryCost.ts). */
  graphqlMaxCost: number;
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

export interface JwtConfig {
  /** Where the signing keys come from: the issuer's JWKS, or one PEM public key. */
  key: { jwksUrl: string } | { publicKeyPem: string };
  issuer: string | null;
  audience: string | null;
  /** The claims that name the caller's project and the caller's userId. */
  projectClaim: string;
  userClaim: string;
}

/** The settings of who may call, from where and how much, as they default for a NODE_ENV. */
export type AccessConfig = Pick<Config, "jwt" | "corsOrigins" | "rateLimitPerMinute" | "graphqlIntrospection" | "graphqlMaxCost">;

// Outside production the API stays as open as before (any origin, introspection for Sandbox); production
// lists its origins and hides the schema unless told otherwise.
export function defaultAccess(nodeEnv: Config["nodeEnv"]): AccessConfig {
  const production = nodeEnv === "production";
  return { jwt: null, corsOrigins: production ? [] : "*", rateLimitPerMinute: 600, graphqlIntrospection: !production, graphqlMaxCost: 10_000 };
}

export const LOCAL_NEO4J_DEFAULTS = {
  username: localNeo4jDefaults.username,
  password: localNeo4jDefaults.password,
  database: "neo4j",
} as const;

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const NODE_ENVS = ["development", "production", "test"] as const;

/** The longest projectId: PROJECT_ID's, an API key's project's, an end-user token's, an import's. */
export const MAX_PROJECT_ID_LENGTH = 200;

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
  if (projectId.length > MAX_PROJECT_ID_LENGTH) problems.push(`PROJECT_ID must be at most ${MAX_PROJECT_ID_LENGTH} characters`);

  const nodeEnv = oneOf("NODE_ENV", NODE_ENVS, "development");
  const defaults = defaultAccess(nodeEnv);
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const value = text(name, String(fallback));
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > max) problems.push(`${name} must be a whole number from ${min} to ${max}; got "${value}"`);
    return parsed;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const value = text(name, String(fallback));
    if (value !== "true" && value !== "false") problems.push(`${name} must be true or false; got "${value}"`);
    return value === "true";
  };

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
    nodeEnv,
    jwt: readJwtConfig(env, text, problems),
    corsOrigins: readCorsOrigins(text("CORS_ORIGINS", ""), nodeEnv, defaults.corsOrigins, problems),
    rateLimitPerMinute: whole("RATE_LIMIT_PER_MINUTE", defaults.rateLimitPerMinute, 1, 1_000_000),
    graphqlIntrospection: flag("GRAPHQL_INTROSPECTION", defaults.graphqlIntrospection),
    graphqlMaxCost: whole("GRAPHQL_MAX_COST", defaults.graphqlMaxCost, 1, 1_000_000_000),
    neo4jTimeoutMs: milliseconds("NEO4J_TIMEOUT_MS", 3000, 100, 60_000),
    neo4jTransactionTimeoutMs: milliseconds("NEO4J_TRANSACTION_TIMEOUT_MS", 30_000, 1000, 3_600_000),
    shutdownDelayMs: milliseconds("SHUTDOWN_DELAY_MS", 0, 0, 120_000),
    ...loadModelConfigs(env, problems),
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

const JWT_SETTINGS = ["AUTH_JWT_ISSUER", "AUTH_JWT_AUDIENCE", "AUTH_JWT_PROJECT_CLAIM", "AUTH_JWT_USER_CLAIM"] as const;

function readJwtConfig(env: NodeJS.ProcessEnv, text: (name: string, fallback: string) => string, problems: string[]): JwtConfig | null {
  const jwksUrl = text("AUTH_JWKS_URL", "");
  // Environment files often hold a PEM on one line with its line breaks written as \n.
  const publicKeyPem = text("AUTH_JWT_PUBLIC_KEY", "").replace(/\\n/g, "\n");
  if (jwksUrl === "" && publicKeyPem === "") {
    const stray = JWT_SETTINGS.filter((name) => env[name]?.trim());
    if (stray.length > 0) problems.push(`${stray.join(", ")} set, but neither AUTH_JWKS_URL nor AUTH_JWT_PUBLIC_KEY`);
    return null;
  }
  if (jwksUrl !== "" && publicKeyPem !== "") problems.push("set AUTH_JWKS_URL or AUTH_JWT_PUBLIC_KEY, not both");
  if (jwksUrl !== "" && !/^https?:\/\/[^\s]+$/.test(jwksUrl)) problems.push(`AUTH_JWKS_URL must be an http(s) URL; got "${jwksUrl}"`);
  if (publicKeyPem !== "" && !/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/.test(publicKeyPem)) {
    problems.push("AUTH_JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----)");
  }
  const optional = (name: string): string | null => text(name, "") || null;
  return {
    key: jwksUrl !== "" ? { jwksUrl } : { publicKeyPem },
    issuer: optional("AUTH_JWT_ISSUER"),
    audience: optional("AUTH_JWT_AUDIENCE"),
    projectClaim: text("AUTH_JWT_PROJECT_CLAIM", "project_id"),
    userClaim: text("AUTH_JWT_USER_CLAIM", "sub"),
  };
}

function readCorsOrigins(value: string, nodeEnv: Config["nodeEnv"], fallback: Config["corsOrigins"], problems: string[]): Config["corsOrigins"] {
  if (value === "") return fallback;
  const origins = value.split(",").map((origin) => origin.trim()).filter((origin) => origin !== "");
  if (origins.includes("*")) {
    // In production every origin must be named: "*" would let any page spend a user's token.
    if (nodeEnv === "production") problems.push('CORS_ORIGINS must list origins in production; "*" is refused');
    return "*";
  }
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) problems.push(`CORS_ORIGINS must hold origins like https://app.example.com (no path); got "${origin}"`);
  }
  return origins;
}
