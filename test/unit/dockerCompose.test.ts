import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { packageRoot } from "../../src/paths";

// docker-compose.yml and the Dockerfile cannot be run on machines without Docker (CI included), so
// these tests pin what would otherwise only break on the first `docker compose up`.

interface ComposeService {
  image?: string;
  build?: string;
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
    expect(build).toMatch(/^node:20\b/);
    expect(build).toMatch(/^RUN npm ci$/m);
    expect(build).toMatch(/^RUN npm run build$/m);
    expect(runtime).toMatch(/^node:20\b/);
    expect(runtime).toMatch(/^ENV NODE_ENV=production$/m);
    expect(runtime).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(runtime).toMatch(/^COPY schema\.graphql /m);
    expect(runtime).toMatch(/^COPY cypher /m);
  });
});
