import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MAX_CONTENT_LENGTH } from "../../src/domain/threadInput";
import { findFreePort, isPortListening } from "../../src/localNeo4j";
import { packageRoot } from "../../src/paths";
import { testNeo4jConfig } from "../setup/neo4jEnv";
import { storeOldUsers } from "../support/oldUsers";
import { deleteProject } from "../support/projectGraph";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// `npm run import -- <file>` as a process against the test Neo4j: what it says (one summary line on
// stdout, refused lines by number and progress on stderr), its exit code, and what Neo4j then holds.

const entry = path.join(packageRoot, "src", "import", "cli.ts");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runImport(args: string[], env: Record<string, string>): Promise<Run> {
  // tsx as a loader, as the service's process test runs src/index.ts: the script builds first, which
  // would only make the test slower.
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], { cwd: packageRoot, env: { PATH: process.env.PATH ?? "", ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

const SUMMARY = /^imported (\d+) users, skipped (\d+) existing, rejected (\d+) lines in \d+\.\d s\n$/;

describe("npm run import", () => {
  const neo = testNeo4jConfig();
  const projectId = uniqueId("import-cli");
  const env = {
    NEO4J_URI: neo.uri,
    NEO4J_USERNAME: neo.username,
    NEO4J_PASSWORD: neo.password,
    NEO4J_DATABASE: neo.database,
    PROJECT_ID: projectId,
    LOG_LEVEL: "warn",
  };
  let t: TestApp;
  let dir: string;
  let file: string;

  const lines = [
    /* 1 */ JSON.stringify({ userId: "ann", email: "ann@example.com", firstName: "Ann", metadata: { plan: "pro" } }),
    /* 2 */ JSON.stringify({
      userId: "bob",
      threads: [
        { threadId: "bob-1", messages: [{ role: "user", name: "Bob", content: "I am bob." }, { role: "ASSISTANT", content: "Hello Bob." }] },
        { threadId: "bob-2", metadata: { channel: "mail" }, messages: [{ role: "tool", content: "lookup" }] },
      ],
    }),
    /* 3 */ JSON.stringify({ userId: "ann", email: "other@example.com" }),
    /* 4 */ '{"userId": "carl", ',
    /* 5 */ JSON.stringify({ userId: "   " }),
    /* 6 */ JSON.stringify({ userId: "dora", threads: [{ threadId: "dora-1", messages: [{ role: "user", content: "x".repeat(MAX_CONTENT_LENGTH + 1) }] }] }),
    /* 7 */ JSON.stringify({ userId: "eve", email: "eve-at-example.com" }),
    /* 8 */ "",
    /* 9 */ JSON.stringify({ userId: "fay", threads: [{ threadId: "bob-1" }] }),
    /* 10 */ JSON.stringify({ userId: "gus", lastName: "Gray", threads: [{ threadId: "gus-1" }] }),
  ];

  beforeAll(async () => {
    t = await startTestApp({ projectId });
    dir = await mkdtemp(path.join(os.tmpdir(), "usergraph-import-cli-"));
    file = path.join(dir, "users.ndjson");
    await writeFile(file, `${lines.join("\n")}\n`);
  });

  afterAll(async () => {
    await deleteProject(t, projectId);
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const count = async (statement: string): Promise<number> => (await t.cypher<{ n: number }>(statement, { projectId }))[0]!.n;
  const counter = async (name: string): Promise<number> =>
    count(`MATCH (c:Counter {projectId: $projectId, name: '${name}'}) RETURN sum(c.count) AS n`);
  const holdings = async () => ({
    users: await count(`MATCH (u:User {projectId: $projectId}) RETURN count(u) AS n`),
    nodes: await count(`MATCH (n) WHERE n.projectId = $projectId RETURN count(n) AS n`),
    relationships: await count(`MATCH (n)-[r]->() WHERE n.projectId = $projectId RETURN count(r) AS n`),
    usersCounter: await counter("users"),
    threadsCounter: await counter("threads"),
  });

  it("imports the good lines, skips a taken userId, reports each bad line by number, and ends with one summary line", async () => {
    const run = await runImport([file], env);
    expect(run.stdout).toMatch(SUMMARY);
    expect(run.stdout.match(SUMMARY)!.slice(1, 4)).toEqual(["3", "1", "5"]);
    expect(run.code).toBe(1);

    const reports = run.stderr.split("\n").filter((line) => line.startsWith("line "));
    expect(reports.sort()).toEqual(
      [
        expect.stringMatching(/^line 4: not valid JSON \(/),
        "line 5: userId must not be blank",
        `line 6: threads[0].messages[0].content is ${MAX_CONTENT_LENGTH + 1} characters long; the limit is ${MAX_CONTENT_LENGTH}`,
        'line 7: email "eve-at-example.com" is not a valid email address',
        "line 9: thread already exists with thread_id: bob-1",
      ].sort(),
    );
    // Not a terminal: plain progress lines, the last one at 100%.
    expect(run.stderr).toMatch(/^import: 100% \(10 lines\): imported 3, skipped 1, rejected 5; \d[\d,]* users\/s$/m);

    const users = await t.cypher<{ userId: string; email: string | null; threads: string[] }>(
      `MATCH (u:User {projectId: $projectId})
       RETURN u.userId AS userId, u.email AS email, COLLECT { MATCH (u)-[:HAS_THREAD]->(t) RETURN t.threadId ORDER BY t.threadId } AS threads
       ORDER BY userId`,
      { projectId },
    );
    expect(users).toEqual([
      { userId: "ann", email: "ann@example.com", threads: [] },
      { userId: "bob", email: null, threads: ["bob-1", "bob-2"] },
      { userId: "gus", email: null, threads: ["gus-1"] },
    ]);
    const messages = await t.cypher(
      `MATCH (:Thread {projectId: $projectId, threadId: 'bob-1'})-[:HAS_MESSAGE]->(m:Message)
       OPTIONAL MATCH (e:Episodic {projectId: $projectId, messageUuid: m.uuid})
       RETURN m.seq AS seq, m.role AS role, m.content AS content, e.source AS source, e.sourceDescription AS description
       ORDER BY seq`,
      { projectId },
    );
    expect(messages).toEqual([
      { seq: 0, role: "USER", content: "I am bob.", source: "MESSAGE", description: "user Bob" },
      { seq: 1, role: "ASSISTANT", content: "Hello Bob.", source: "MESSAGE", description: "assistant" },
    ]);
    expect(await count(`MATCH (t:Thread {projectId: $projectId, threadId: 'bob-1'}) RETURN t.nextSeq AS n`)).toBe(2);
    expect(await holdings()).toMatchObject({ users: 3, usersCounter: 3, threadsCounter: 3 });

    // The API sees them as its own, counts included.
    const listed = await t.execute(`{ usersOrdered(pageSize: 10, orderBy: USER_ID, asc: true) { totalCount users { userId threadCount } } }`);
    expect(listed.data?.usersOrdered).toEqual({
      totalCount: 3,
      users: [
        { userId: "ann", threadCount: 0 },
        { userId: "bob", threadCount: 2 },
        { userId: "gus", threadCount: 1 },
      ],
    });
  });

  it("run again on the same file, changes nothing: every user is skipped", async () => {
    const before = await holdings();
    const run = await runImport([file], env);
    expect(run.stdout.match(SUMMARY)?.slice(1, 4)).toEqual(["0", "4", "5"]);
    expect(await holdings()).toEqual(before);
  });

  it("refuses to run without exactly one readable file, saying so, with exit code 2 and nothing on stdout", async () => {
    const missing = await runImport([path.join(dir, "missing.ndjson")], env);
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toContain(`import failed: cannot read ${path.join(dir, "missing.ndjson")}: ENOENT`);
  });
});

describe("npm run import -- --project <id>", () => {
  const neo = testNeo4jConfig();
  const projectId = uniqueId("import-project");
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp();
    dir = await mkdtemp(path.join(os.tmpdir(), "usergraph-import-project-"));
  });

  afterAll(async () => {
    await deleteProject(t, projectId);
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("imports into the project named, with no API key, even in production; its users stored before the counter and the list keys are counted and found too", async () => {
    // Six users as versions before the counter and the list indexes stored them: no counter, no keys.
    await storeOldUsers(t, projectId, 6);
    const file = path.join(dir, "project.ndjson");
    await writeFile(file, [{ userId: "new-1", email: "New.One@Example.com", threads: [{ threadId: "new-1-t" }] }, { userId: "new-2" }].map((line) => JSON.stringify(line)).join("\n"));
    const env = {
      NEO4J_URI: neo.uri,
      NEO4J_USERNAME: neo.username,
      NEO4J_PASSWORD: neo.password,
      NEO4J_DATABASE: neo.database,
      // Another project: the one the service would serve requests without credentials from.
      PROJECT_ID: t.projectId,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
    };
    const run = await runImport(["--project", ` ${projectId} `, file], env);
    expect(run.stdout.match(SUMMARY)?.slice(1, 4)).toEqual(["2", "0", "0"]);
    expect(run.code).toBe(0);

    const counted = await t.execute(`{ users(first: 1) { totalCount } threadsOrdered { totalCount } }`, {}, projectId);
    expect(counted.data).toEqual({ users: { totalCount: 8 }, threadsOrdered: { totalCount: 1 } });
    const found = await t.execute(`{ usersOrdered(search: "example.com", orderBy: EMAIL, asc: true, pageSize: 3) { totalCount users { userId } } }`, {}, projectId);
    // Old users 1 to 4 have an email (Mail<i>@Example.com; every fifth has none), found by the keys start-up
    // wrote for them; so has new-1 (New.One@…), which sorts after them.
    expect(found.data?.usersOrdered).toEqual({ totalCount: 5, users: [{ userId: "old-1" }, { userId: "old-2" }, { userId: "old-3" }] });
    const newOne = await t.execute(`{ usersOrdered(search: "new.one") { users { userId } } }`, {}, projectId);
    expect(newOne.data?.usersOrdered.users).toEqual([{ userId: "new-1" }]);
    const [unprojected] = await t.cypher(`MATCH (u:User {projectId: $projectId}) RETURN count(u) AS n`, { projectId: t.projectId });
    expect(unprojected?.n).toBe(0);
  });

  it("refuses a blank --project or a missing file name, with exit code 2 and the usage", async () => {
    const env = { NEO4J_URI: neo.uri, NEO4J_PASSWORD: neo.password };
    const blank = await runImport(["--project", "  ", path.join(dir, "any.ndjson")], env);
    expect(blank).toMatchObject({ code: 2, stdout: "" });
    expect(blank.stderr).toContain('--project must be 1 to 200 characters; got "  "');
    const noFile = await runImport(["--project", "p"], env);
    expect(noFile).toMatchObject({ code: 2, stdout: "" });
    expect(noFile.stderr).toContain("usage: npm run import -- [--project <projectId>] <file.ndjson>");
  });
});

describe("npm run import without NEO4J_URI", () => {
  it("uses the local Neo4j as npm start does: starts it when none runs, and stops the one it started", async () => {
    const port = await findFreePort();
    const dir = await mkdtemp(path.join(os.tmpdir(), "usergraph-import-local-"));
    try {
      const file = path.join(dir, "one.ndjson");
      await writeFile(file, `${JSON.stringify({ userId: "local-1" })}\n`);
      const run = await runImport([file], { NEO4J_LOCAL_PORT: String(port), NEO4J_LOCAL_DATA: path.join(dir, "data"), LOG_LEVEL: "info" });
      expect(run.stdout.match(SUMMARY)?.slice(1, 4)).toEqual(["1", "0", "0"]);
      expect(run.stderr.split("\n").some((line) => line.includes("local Neo4j ready") && line.includes('"startedHere":true'))).toBe(true);
      expect(await isPortListening("127.0.0.1", port)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
