import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { loadSupergraphConfig } from "../../scripts/supergraph";
import { packageRoot } from "../../src/paths";

// docker-compose.yml and the Dockerfile cannot be run on machines without Docker (CI included), so
// these tests pin what would otherwise only break on the first `docker compose up`.

interface ComposeService {
  image?: string;
  build?: string | { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[]; interval?: string; timeout?: string; retries?: number; start_period?: string };
  depends_on?: Record<string, { condition: string }>;
}

interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const read = (file: string): string => readFileSync(path.join(packageRoot, file), "utf8");
const compose = parse(read("docker-compose.yml")) as Compose;
const dockerfile = read("Dockerfile");
const demoDockerfile = read("examples/Dockerfile");
const packageJson = JSON.parse(read("package.json")) as { main: string; scripts: Record<string, string> };

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

// "127.0.0.1:7687:7687" and "7687:7687" both publish container port 7687 on host port 7687.
function publishedPorts(svc: ComposeService): { host: number; container: number }[] {
  return (svc.ports ?? []).map((spec) => {
    const parts = String(spec).split(":");
    return { host: Number(parts.at(-2)), container: Number(parts.at(-1)) };
  });
}

describe("docker-compose.yml", () => {
  it("runs Neo4j 5.26 Community with the local password, Bolt published and its data in a named volume", () => {
    const neo4j = service("neo4j");
    expect(neo4j.image).toBe("neo4j:5.26-community");
    expect(neo4j.environment?.NEO4J_AUTH).toBe("neo4j/usergraph-local");
    expect(publishedPorts(neo4j)).toEqual(
      expect.arrayContaining([
        { host: 7687, container: 7687 },
        { host: 7474, container: 7474 },
      ]),
    );
    const volume = neo4j.volumes?.find((mount) => mount.endsWith(":/data"))?.split(":")[0];
    expect(volume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
  });

  it("configures Neo4j's Lucene-backed indexes as the local Launcher does (ten segments merged at a time)", () => {
    const launcher = read("scripts/neo4j/Launcher.java");
    const factor = /LUCENE_MERGE_FACTOR = (\d+);/.exec(launcher)?.[1];
    expect(launcher).toContain("config.put(LuceneSettings.lucene_merge_factor, LUCENE_MERGE_FACTOR);");
    expect(factor).toBe("10");
    // The image maps NEO4J_a_b__c to the setting a.b_c.
    expect(service("neo4j").environment?.NEO4J_internal_dbms_index_lucene_merge__factor).toBe(factor);
  });

  it("calls Neo4j healthy only once cypher-shell can log in and run a query", () => {
    const check = service("neo4j").healthcheck;
    expect(check?.test).toEqual(["CMD", "cypher-shell", "-u", "neo4j", "-p", "usergraph-local", "RETURN 1"]);
    expect(check).toMatchObject({
      interval: expect.any(String),
      timeout: expect.any(String),
      retries: expect.any(Number),
      start_period: expect.any(String),
    });
  });

  it("builds usergraph from this directory, serves port 4000 and waits for a healthy Neo4j", () => {
    const usergraph = service("usergraph");
    expect(usergraph.build).toBe(".");
    expect(publishedPorts(usergraph)).toContainEqual({ host: 4000, container: 4000 });
    expect(usergraph.depends_on?.neo4j?.condition).toBe("service_healthy");
    const [username, password] = (service("neo4j").environment?.NEO4J_AUTH ?? "").split("/");
    expect(usergraph.environment).toMatchObject({
      NEO4J_URI: "bolt://neo4j:7687",
      NEO4J_USERNAME: username,
      NEO4J_PASSWORD: password,
      PORT: "4000",
    });
  });
});

describe("Dockerfile", () => {
  it("starts the file that npm run build produces, which is package.json's main", () => {
    const cmd = dockerfile.split("\n").filter((line) => line.startsWith("CMD ")).at(-1);
    expect(JSON.parse(cmd?.slice("CMD ".length) ?? "null")).toEqual(["node", packageJson.main]);

    // tsc maps <rootDir>/src/index.ts to <outDir>/src/index.js; rootDir is the package root.
    const tsconfig = JSON.parse(read("tsconfig.json")) as { compilerOptions: { outDir: string; rootDir: string } };
    const build = JSON.parse(read("tsconfig.build.json")) as { extends: string; include: string[] };
    expect(packageJson.scripts.build).toContain("tsconfig.build.json");
    expect(build.extends).toBe("./tsconfig.json");
    const { outDir, rootDir } = tsconfig.compilerOptions;
    const relative = path.posix.relative(outDir, packageJson.main).replace(/\.js$/, ".ts");
    const source = path.posix.join(rootDir, relative);
    expect(build.include.some((dir) => source.startsWith(`${path.posix.normalize(dir)}/`))).toBe(true);
    expect(existsSync(path.join(packageRoot, source))).toBe(true);
  });

  it("builds with npm ci and npm run build, and ships production dependencies with what the code reads", () => {
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    const [build = "", runtime = ""] = stages;
    expect(build).toMatch(/^node:24\b/);
    expect(build).toMatch(/^RUN npm ci$/m);
    expect(build).toMatch(/^RUN npm run build$/m);
    expect(runtime).toMatch(/^node:24\b/);
    expect(runtime).toMatch(/^HEALTHCHECK .*CMD \["node", "-e", ".*\/health\/ready/m);
    expect(runtime).toMatch(/^ENV NODE_ENV=production$/m);
    expect(runtime).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(runtime).toMatch(/^COPY schema\.graphql /m);
    expect(runtime).toMatch(/^COPY cypher /m);
  });
});

// The demo subgraph and the gateway run the repository's TypeScript with tsx in an image of their own.
// Nothing here can run Docker, so these pin the wiring: what the image holds, what each service runs and
// where the gateway finds each subgraph. That the healthchecks answer a real server needs sockets, so it
// is an integration test (test/integration/compose.healthchecks.test.ts).

/** The sources of examples/Dockerfile's COPY lines (the last word of each is the destination). */
function copiedSources(file: string): string[] {
  return file
    .split("\n")
    .filter((line) => line.startsWith("COPY ") && !line.includes("--from="))
    .flatMap((line) => line.slice("COPY ".length).trim().split(/\s+/).slice(0, -1));
}

/** A TypeScript file and the repository files it imports by relative path, transitively. */
function withRelativeImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(path.join(packageRoot, file), "utf8");
  for (const match of source.matchAll(/from "(\.\.?\/[^"]+)"/g)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1] ?? ""));
    withRelativeImports(target.endsWith(".ts") ? target : `${target}.ts`, seen);
  }
  return seen;
}

describe("docker-compose.yml: the federated graph", () => {
  const demoBuild = { context: ".", dockerfile: "examples/Dockerfile" };

  it("builds billing and the gateway from examples/Dockerfile with the repository as context", () => {
    expect(service("billing").build).toEqual(demoBuild);
    expect(service("gateway").build).toEqual(demoBuild);
    expect(existsSync(path.join(packageRoot, demoBuild.dockerfile))).toBe(true);
    expect(demoDockerfile).toMatch(/^FROM node:20\b/m);
    expect(demoDockerfile).toMatch(/^RUN npm ci\b/m);
    // Composition happens when the image is built, so an image whose subgraphs do not compose never is.
    expect(demoDockerfile).toMatch(/^RUN npx tsx scripts\/supergraph\.ts$/m);
  });

  it("copies into the image every file the services run, import and read, and .dockerignore keeps none out", () => {
    const sources = copiedSources(demoDockerfile);
    const covered = (file: string) => sources.some((source) => file === source || file.startsWith(`${source.replace(/\/$/, "")}/`));
    const commands = [service("billing"), service("gateway")].map((svc) => svc.command ?? []);
    expect(commands).toEqual([
      ["npx", "tsx", "examples/billing/index.ts"],
      ["npx", "tsx", "scripts/gateway.ts"],
    ]);
    const run = [...commands.map((command) => command[2] ?? ""), "scripts/supergraph.ts"];
    const config = loadSupergraphConfig();
    const read = [
      "package.json",
      "package-lock.json",
      "supergraph.config.json",
      ...config.subgraphs.map((subgraph) => path.relative(packageRoot, subgraph.schema)),
    ];
    const needed = [...new Set([...run.flatMap((file) => [...withRelativeImports(file)]), ...read])];
    expect(needed.filter((file) => !covered(file))).toEqual([]);
    for (const source of sources) expect(existsSync(path.join(packageRoot, source))).toBe(true);
    const ignored = readFileSync(path.join(packageRoot, ".dockerignore"), "utf8").split("\n");
    const patterns = ignored.map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
    expect(needed.filter((file) => patterns.some((pattern) => file === pattern || file.startsWith(`${pattern}/`)))).toEqual([]);
  });

  it("publishes the gateway on 4100 and billing on 4001, the ports they are told to serve", () => {
    const billing = service("billing");
    const gateway = service("gateway");
    expect(publishedPorts(billing)).toContainEqual({ host: 4001, container: Number(billing.environment?.BILLING_PORT) });
    expect(publishedPorts(gateway)).toContainEqual({ host: 4100, container: Number(gateway.environment?.GATEWAY_PORT) });
  });

  it("starts the gateway once usergraph and billing are healthy, and routes every subgraph to its service", () => {
    const gateway = service("gateway");
    expect(gateway.depends_on).toEqual({
      usergraph: { condition: "service_healthy" },
      billing: { condition: "service_healthy" },
    });
    const servicePort: Record<string, string | undefined> = {
      usergraph: service("usergraph").environment?.PORT,
      billing: service("billing").environment?.BILLING_PORT,
    };
    for (const { name } of loadSupergraphConfig().subgraphs) {
      expect({ name, url: gateway.environment?.[`${name.toUpperCase()}_URL`] }).toEqual({
        name,
        url: `http://${name}:${servicePort[name]}/graphql`,
      });
    }
  });
});
