import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, LOCAL_NEO4J_DEFAULTS, loadConfig } from "../../src/config";
import { packageRoot } from "../../src/paths";
import { localNeo4jDefaults } from "../../src/localNeo4j/defaults";

/** The ConfigError message that `env` produces; fails the test when the config loads. */
function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  it("uses the defaults for an empty environment: port 4000, the local Neo4j, project default", () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      neo4jUri: null,
      localNeo4jPort: 7687,
      localNeo4jDataDir: localNeo4jDefaults.dataDir,
      neo4jUsername: "neo4j",
      neo4jPassword: LOCAL_NEO4J_DEFAULTS.password,
      neo4jDatabase: "neo4j",
      projectId: "default",
      logLevel: "info",
      nodeEnv: "development",
      neo4jTimeoutMs: 3000,
      neo4jTransactionTimeoutMs: 30_000,
      shutdownDelayMs: 0,
      jwt: null,
      corsOrigins: "*",
      rateLimitPerMinute: 600,
      graphqlIntrospection: true,
      graphqlMaxCost: 10_000,
    });
  });

  it("treats empty and whitespace-only variables as unset", () => {
    expect(loadConfig({ PORT: "", NEO4J_URI: "  ", PROJECT_ID: " ", LOG_LEVEL: "" })).toMatchObject({
      port: 4000,
      neo4jUri: null,
      projectId: "default",
      logLevel: "info",
    });
  });

  it("reads every variable it is given", () => {
    const config = loadConfig({
      PORT: " 8080 ",
      NEO4J_URI: "neo4j+s://abc.databases.neo4j.io",
      NEO4J_USERNAME: "svc",
      NEO4J_PASSWORD: "s3cret",
      NEO4J_DATABASE: "users",
      PROJECT_ID: "acme",
      LOG_LEVEL: "debug",
      NODE_ENV: "production",
      NEO4J_LOCAL_PORT: "17687",
      NEO4J_LOCAL_DATA: "/var/lib/usergraph-neo4j",
      NEO4J_TIMEOUT_MS: "1500",
      NEO4J_TRANSACTION_TIMEOUT_MS: "60000",
      SHUTDOWN_DELAY_MS: "5000",
    });
    expect(config).toEqual({
      port: 8080,
      neo4jUri: "neo4j+s://abc.databases.neo4j.io",
      localNeo4jPort: 17687,
      localNeo4jDataDir: "/var/lib/usergraph-neo4j",
      neo4jUsername: "svc",
      neo4jPassword: "s3cret",
      neo4jDatabase: "users",
      projectId: "acme",
      logLevel: "debug",
      nodeEnv: "production",
      neo4jTimeoutMs: 1500,
      neo4jTransactionTimeoutMs: 60_000,
      shutdownDelayMs: 5000,
      jwt: null,
      corsOrigins: [],
      rateLimitPerMinute: 600,
      graphqlIntrospection: false,
      graphqlMaxCost: 10_000,
    });
  });

  it("refuses production without NEO4J_URI, naming it: a production image cannot start the local Neo4j", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/NEO4J_URI is required in production/);
    expect(() => loadConfig({ NODE_ENV: "production", NEO4J_URI: "bolt://db:7687", NEO4J_PASSWORD: "p" })).not.toThrow();
  });

  it.each([
    ["NEO4J_TIMEOUT_MS", "99"],
    ["NEO4J_TIMEOUT_MS", "3s"],
    ["NEO4J_TRANSACTION_TIMEOUT_MS", "999"],
    ["SHUTDOWN_DELAY_MS", "-1"],
    ["SHUTDOWN_DELAY_MS", "120001"],
  ])("refuses %s=%s by name", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name} must be a whole number of milliseconds`));
  });

  it("reads the environment it is passed, not process.env", () => {
    const saved = process.env.PORT;
    process.env.PORT = "not a port";
    try {
      expect(loadConfig({}).port).toBe(4000);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });

  it.each(["0", "1", "65535"])("accepts PORT=%s", (port) => {
    expect(loadConfig({ PORT: port }).port).toBe(Number(port));
  });

  it.each(["abc", "-1", "65536", "80.5", "4000abc"])("refuses PORT=%s, naming PORT and the value", (port) => {
    const message = problemsOf({ PORT: port });
    expect(message).toContain("PORT");
    expect(message).toContain(`"${port}"`);
  });

  it.each(["0", "x", "65536"])("refuses NEO4J_LOCAL_PORT=%s, naming it", (port) => {
    expect(problemsOf({ NEO4J_LOCAL_PORT: port })).toContain(`NEO4J_LOCAL_PORT must be a whole number from 1 to 65535; got "${port}"`);
  });

  it.each(["verbose", "INFO", "warning"])("refuses LOG_LEVEL=%s, listing the allowed levels", (level) => {
    const message = problemsOf({ LOG_LEVEL: level });
    expect(message).toContain("LOG_LEVEL");
    expect(message).toContain(`"${level}"`);
    expect(message).toContain("debug");
  });

  it.each(["fatal", "error", "warn", "info", "debug", "trace", "silent"])("accepts LOG_LEVEL=%s", (level) => {
    expect(loadConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
  });

  it.each(["staging", "prod"])("refuses NODE_ENV=%s, naming NODE_ENV", (nodeEnv) => {
    const message = problemsOf({ NODE_ENV: nodeEnv });
    expect(message).toContain("NODE_ENV");
    expect(message).toContain(`"${nodeEnv}"`);
  });

  it.each(["bolt://localhost:7687", "neo4j://db:7687", "bolt+s://db.example.com", "neo4j+ssc://10.0.0.1:7687"])(
    "accepts NEO4J_URI=%s with a password",
    (uri) => {
      expect(loadConfig({ NEO4J_URI: uri, NEO4J_PASSWORD: "pw" }).neo4jUri).toBe(uri);
    },
  );

  it.each(["http://localhost:7474", "localhost:7687", "bolt://", "bolt://host with space", "neo4j+x://host"])(
    "refuses NEO4J_URI=%s, naming NEO4J_URI",
    (uri) => {
      const message = problemsOf({ NEO4J_URI: uri, NEO4J_PASSWORD: "pw" });
      expect(message).toContain("NEO4J_URI");
      expect(message).toContain(`"${uri}"`);
    },
  );

  it("requires NEO4J_PASSWORD when NEO4J_URI is set (no local default password for a remote database)", () => {
    expect(problemsOf({ NEO4J_URI: "bolt://db:7687" })).toContain("NEO4J_PASSWORD");
  });

  it("counts a blank NEO4J_PASSWORD as missing when NEO4J_URI is set", () => {
    expect(problemsOf({ NEO4J_URI: "bolt://db:7687", NEO4J_PASSWORD: "   " })).toContain("NEO4J_PASSWORD");
  });

  it("does not require NEO4J_PASSWORD for the local Neo4j", () => {
    expect(loadConfig({}).neo4jPassword).toBe(LOCAL_NEO4J_DEFAULTS.password);
  });

  it("refuses a PROJECT_ID over 200 characters and accepts 200", () => {
    expect(loadConfig({ PROJECT_ID: "p".repeat(200) }).projectId).toHaveLength(200);
    expect(problemsOf({ PROJECT_ID: "p".repeat(201) })).toContain("PROJECT_ID");
  });

  it("reports every problem at once, one per line", () => {
    const message = problemsOf({
      PORT: "http",
      LOG_LEVEL: "loud",
      NODE_ENV: "qa",
      NEO4J_URI: "http://db",
      PROJECT_ID: "p".repeat(201),
    });
    for (const name of ["PORT", "LOG_LEVEL", "NODE_ENV", "NEO4J_URI", "NEO4J_PASSWORD", "PROJECT_ID"]) {
      expect(message).toContain(name);
    }
    expect(message.split("\n").filter((line) => line.trim().startsWith("- "))).toHaveLength(6);
  });

  describe("who may call: tokens, origins, rates, the GraphQL limits", () => {
    const PEM = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----";

    it("reads the JWT settings, with the claims' defaults project_id and sub", () => {
      expect(loadConfig({ AUTH_JWKS_URL: "https://id.example.com/.well-known/jwks.json", AUTH_JWT_AUDIENCE: "usergraph" }).jwt).toEqual({
        key: { jwksUrl: "https://id.example.com/.well-known/jwks.json" },
        issuer: null,
        audience: "usergraph",
        projectClaim: "project_id",
        userClaim: "sub",
      });
      expect(
        loadConfig({ AUTH_JWT_PUBLIC_KEY: PEM.replace(/\n/g, "\\n"), AUTH_JWT_ISSUER: "https://id.example.com/", AUTH_JWT_PROJECT_CLAIM: "org", AUTH_JWT_USER_CLAIM: "uid" }).jwt,
      ).toEqual({ key: { publicKeyPem: PEM }, issuer: "https://id.example.com/", audience: null, projectClaim: "org", userClaim: "uid" });
    });

    it("refuses both key sources, a malformed one, and JWT settings without a key", () => {
      expect(problemsOf({ AUTH_JWKS_URL: "https://id.example.com/jwks", AUTH_JWT_PUBLIC_KEY: PEM })).toContain("not both");
      expect(problemsOf({ AUTH_JWKS_URL: "ftp://id.example.com/jwks" })).toContain("AUTH_JWKS_URL");
      expect(problemsOf({ AUTH_JWT_PUBLIC_KEY: "not a pem" })).toContain("AUTH_JWT_PUBLIC_KEY");
      expect(problemsOf({ AUTH_JWT_AUDIENCE: "usergraph" })).toContain("AUTH_JWT_AUDIENCE set, but neither AUTH_JWKS_URL nor AUTH_JWT_PUBLIC_KEY");
    });

    it("allows any origin by default outside production, none in production, and the listed ones when given", () => {
      expect(loadConfig({}).corsOrigins).toBe("*");
      expect(loadConfig({ NODE_ENV: "production", NEO4J_URI: "neo4j://db:7687", NEO4J_PASSWORD: "p" }).corsOrigins).toEqual([]);
      expect(loadConfig({ NODE_ENV: "production", NEO4J_URI: "neo4j://db:7687", NEO4J_PASSWORD: "p", CORS_ORIGINS: "https://app.example.com, http://localhost:3000" }).corsOrigins).toEqual([
        "https://app.example.com",
        "http://localhost:3000",
      ]);
    });

    it('refuses CORS_ORIGINS="*" in production and origins with a path', () => {
      expect(problemsOf({ NODE_ENV: "production", CORS_ORIGINS: "*" })).toContain("CORS_ORIGINS");
      expect(loadConfig({ CORS_ORIGINS: "*" }).corsOrigins).toBe("*");
      expect(problemsOf({ CORS_ORIGINS: "https://app.example.com/login" })).toContain('"https://app.example.com/login"');
    });

    it("reads the rate limit, the cost limit and introspection, refusing what is not a number or a boolean", () => {
      expect(loadConfig({ RATE_LIMIT_PER_MINUTE: "120", GRAPHQL_MAX_COST: "5000", GRAPHQL_INTROSPECTION: "true", NODE_ENV: "production", NEO4J_URI: "neo4j://db:7687", NEO4J_PASSWORD: "p" })).toMatchObject({
        rateLimitPerMinute: 120,
        graphqlMaxCost: 5000,
        graphqlIntrospection: true,
      });
      const message = problemsOf({ RATE_LIMIT_PER_MINUTE: "0", GRAPHQL_MAX_COST: "lots", GRAPHQL_INTROSPECTION: "yes" });
      for (const name of ["RATE_LIMIT_PER_MINUTE", "GRAPHQL_MAX_COST", "GRAPHQL_INTROSPECTION"]) expect(message).toContain(name);
    });
  });

  it("has every variable it reads documented in the README's configuration table", () => {
    const source = readFileSync(path.join(packageRoot, "src", "config.ts"), "utf8");
    const names = new Set([...source.matchAll(/env\.([A-Z][A-Z0-9_]+)|"([A-Z][A-Z0-9_]{2,})"/g)].map((match) => match[1] ?? match[2]));
    expect(names.size).toBeGreaterThan(15);
    const readme = readFileSync(path.join(packageRoot, "README.md"), "utf8");
    expect([...names].filter((name) => !readme.includes(`| \`${name}\` |`))).toEqual([]);
  });
});
