import { spawn } from "node:child_process";
import path from "node:path";
import { packageRoot } from "../../src/paths";
import { testNeo4jConfig } from "../setup/neo4jEnv";
import { httpClient, serve } from "../support/http";
import { type TestApp, startTestApp } from "../support/testApp";

// `npm run keys`, run as an operator runs it: a child process with the same Neo4j settings as the service.

const script = path.join(packageRoot, "scripts", "keys.ts");

function keys(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const neo = testNeo4jConfig();
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: packageRoot,
    env: { PATH: process.env.PATH ?? "", NEO4J_URI: neo.uri, NEO4J_USERNAME: neo.username, NEO4J_PASSWORD: neo.password, NEO4J_DATABASE: neo.database },
    stdio: "pipe",
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("npm run keys", () => {
  let t: TestApp;
  let origin: string;
  beforeAll(async () => {
    t = await startTestApp({ nodeEnv: "production" });
    origin = await serve(t);
  });
  afterAll(() => t?.close());

  it("creates a key that acts on its project, lists it without the secret, and revokes it within 5 seconds", async () => {
    const created = await keys("create", "--project", t.projectId, "--name", "ci deploys");
    expect(created.code).toBe(0);
    const lines = created.stdout.trimEnd().split("\n");
    const key = lines[lines.length - 1] ?? "";
    expect(key).toMatch(/^ugk_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}$/);
    const keyId = key.split("_")[1] ?? "";

    const client = httpClient(origin, `Api-Key ${key}`);
    const added = await client.graphql(`mutation { addUser(input: { userId: "cli-user" }) { projectId } }`);
    expect(added.body).toEqual({ data: { addUser: { projectId: t.projectId } } });

    const listed = await keys("list", "--project", t.projectId);
    expect(listed.code).toBe(0);
    const [header, row, ...others] = listed.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^id\s+project\s+name\s+created\s+last used\s+revoked$/);
    expect(others).toEqual([]);
    expect(row).toContain(keyId);
    expect(row).toContain(t.projectId);
    expect(row).toContain("ci deploys");
    const [stored] = await t.cypher(`MATCH (k:ApiKey {keyId: $keyId}) RETURN k.hash AS hash`, { keyId });
    for (const secret of [key, key.split("_")[2] ?? "", stored?.hash]) expect(listed.stdout).not.toContain(secret);

    const revoked = await keys("revoke", keyId);
    expect(revoked.code).toBe(0);
    const deadline = Date.now() + 5_000;
    let status = 0;
    while (Date.now() <= deadline && (status = (await client.rest("GET", "/users/cli-user")).status) !== 401) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(401);
    const after = await keys("list", "--project", t.projectId);
    expect(after.stdout).toMatch(/\d{4}-\d\d-\d\dT[\d:.]+Z\s*$/m);
    expect((await keys("revoke", keyId)).code).toBe(1);
  });

  it("records a key's last use", async () => {
    const created = await keys("create", "--project", t.projectId);
    const key = created.stdout.trimEnd().split("\n").pop() ?? "";
    expect((await httpClient(origin, `Bearer ${key}`).rest("GET", "/users/nobody")).status).toBe(404);
    const keyId = key.split("_")[1] ?? "";
    // The use is recorded after the answer, not before it.
    const lastUsed = async () => (await t.cypher(`MATCH (k:ApiKey {keyId: $keyId}) RETURN k.lastUsedAt AS at`, { keyId }))[0]?.at ?? null;
    const deadline = Date.now() + 5_000;
    while (Date.now() <= deadline && (await lastUsed()) === null) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await lastUsed()).not.toBeNull();
    const listed = await keys("list", "--project", t.projectId);
    expect(listed.stdout.split("\n").find((line) => line.startsWith(keyId))).not.toContain("never");
  });

  it("refuses a command it does not know, with its usage", async () => {
    const wrong = await keys("create");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("npm run keys -- create --project <projectId>");
  });
});
