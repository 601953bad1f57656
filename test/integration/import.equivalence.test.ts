import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { importIntoProject } from "../../src/import/importIntoProject";
import { type ProjectGraph, deleteProject, readProjectGraph } from "../support/projectGraph";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// The import writes in batches, with statements of its own beside user.create; what it leaves in Neo4j must
// be what the API leaves for the same users, threads and messages (addUser, createThread, addMessages in
// calls of 30): the same nodes, labels, properties and relationships, uuids and instants aside (the keys
// the list indexes read among them: searchText, emailKey, messages' seq and threadUuid, threads'
// nextSeq), and the same counts, so that the API's reads find imported data as they find their own.

interface Line {
  userId: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  metadata?: Record<string, unknown>;
  threads?: {
    threadId: string;
    metadata?: Record<string, unknown>;
    messages?: { role: string; content: string; name?: string; metadata?: Record<string, unknown>; createdAt?: string }[];
  }[];
}

function lines(prefix: string): Line[] {
  return [
    {
      userId: `${prefix}-Jane`,
      email: "Jane.Smith@Example.com",
      firstName: "Jane",
      lastName: "Smith",
      metadata: { plan: "pro", prefs: { theme: "dark", tags: ["a", "b"] }, empty: {}, n: 3 },
      threads: [
        {
          threadId: `${prefix}-jane-1`,
          metadata: { channel: "web" },
          messages: [
            { role: "user", name: " Jane ", content: "Hi, I am Jane Smith and my invoice is wrong.", metadata: { lang: "en" } },
            { role: "ASSISTANT", content: "Let me look into it." },
            { role: "user", content: "Write to Jane.Smith@example.com, please.", createdAt: "2026-01-02T03:04:05.678Z" },
          ],
        },
        { threadId: `${prefix}-jane-2` },
      ],
    },
    { userId: `${prefix}-anon` },
    {
      userId: `${prefix}-mail`,
      email: "only@mail.example",
      threads: [
        {
          threadId: `${prefix}-mail-1`,
          messages: Array.from({ length: 35 }, (_, i) => ({ role: i % 2 ? "tool" : "SYSTEM", content: `step ${i} for only@mail.example` })),
        },
      ],
    },
    { userId: `${prefix}-Ünï`, firstName: "Ünïcode", lastName: "ÇA", metadata: { "a.b": { "[x]": null } } },
  ];
}

async function throughTheApi(t: TestApp, input: Line[]): Promise<void> {
  const ok = async (query: string, variables: Record<string, unknown>): Promise<void> => {
    const result = await t.execute(query, variables);
    expect(result.errors).toBeUndefined();
  };
  for (const { threads = [], ...user } of input) {
    await ok(`mutation($input: AddUserInput!) { addUser(input: $input) { uuid } }`, { input: user });
    for (const { messages = [], ...thread } of threads) {
      await ok(`mutation($input: CreateThreadInput!) { createThread(input: $input) { uuid } }`, { input: { ...thread, userId: user.userId } });
      for (let offset = 0; offset < messages.length; offset += 30) {
        await ok(`mutation($threadId: ID!, $messages: [MessageInput!]!) { addMessages(threadId: $threadId, messages: $messages) { messageUuids } }`, {
          threadId: thread.threadId,
          messages: messages.slice(offset, offset + 30).map((message) => ({ ...message, role: message.role.toUpperCase() })),
        });
      }
    }
  }
}

// Reads that go through the list indexes and the project's counters, asked of both projects.
const READS = {
  counts: `{ users(first: 1) { totalCount } usersOrdered(pageSize: 1) { totalCount } threadsOrdered(pageSize: 1) { totalCount } }`,
  byEmail: `{ usersOrdered(pageSize: 10, orderBy: EMAIL, asc: true) { users { userId } } }`,
  byEmailDesc: `{ usersOrdered(pageSize: 10, orderBy: EMAIL, asc: false) { users { userId } } }`,
  byUserId: `{ usersOrdered(pageSize: 10, orderBy: USER_ID, asc: true) { users { userId } } }`,
  search: `query($s: String!) { usersOrdered(search: $s, orderBy: USER_ID, asc: true) { totalCount users { userId email } } }`,
  messages: `query($t: ID!) { thread(threadId: $t) { messageCount messages(last: 4) { edges { node { content role } } } } }`,
  threads: `query($u: ID!) { user(userId: $u) { threadCount threads(first: 5) { edges { node { threadId messageCount } } } } }`,
};

describe("bulk import", () => {
  let t: TestApp;
  let dir: string;
  const importProject = uniqueId("import-equivalence");

  beforeAll(async () => {
    t = await startTestApp();
    dir = await mkdtemp(path.join(os.tmpdir(), "usergraph-import-"));
    const input = lines("eq");
    const file = path.join(dir, "users.ndjson");
    await writeFile(file, input.map((line) => JSON.stringify(line)).join("\n"));
    // As `npm run import -- --project <id>` runs it, in batches of two, so that the file takes more than
    // one transaction.
    const summary = await importIntoProject({ db: t.app.db, projectId: importProject, logger: pino({ level: "silent" }) }, file, { batchSize: 2 });
    expect(summary).toMatchObject({ imported: 4, skipped: 0, rejected: 0 });
    await throughTheApi(t, input);
  });

  afterAll(async () => {
    await deleteProject(t, importProject);
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("stores the same graph as addUser, createThread and addMessages through GraphQL, uuids and instants aside", async () => {
    const graphs = { imported: await readProjectGraph(t, importProject), api: await readProjectGraph(t, t.projectId) };
    expect(graphs.api.nodes.length).toBe(2 * 4 + 3 + 2 * (3 + 35));
    expect(withoutProjectId(graphs.imported)).toEqual(withoutProjectId(graphs.api));
    expect(graphs.api.relationships.filter((r) => r.includes("-[MENTIONS")).length).toBeGreaterThan(0);
    // What the lists read, among the properties compared: the API writes them, so the import does too.
    const jane = graphs.imported.nodes.find((node) => node.key === "User eq-Jane")!;
    expect(jane.props).toMatchObject({ searchText: expect.stringContaining("eq-jane\njane.smith@example.com\n"), emailKey: "0Jane.Smith@Example.com" });
    const message = graphs.imported.nodes.find((node) => node.key === "Message eq-mail-1 #34")!;
    expect(message.props).toMatchObject({ seq: 34, threadUuid: "<uuid of Thread eq-mail-1>" });
  });

  it("counts imported users and threads in the project's counters, as the API counts its own", async () => {
    const counts = await answers(t, importProject, READS.counts);
    expect(counts).toEqual({ users: { totalCount: 4 }, usersOrdered: { totalCount: 4 }, threadsOrdered: { totalCount: 3 } });
    expect(counts).toEqual(await answers(t, t.projectId, READS.counts));
    const stripes = await t.cypher(`MATCH (c:Counter {projectId: $projectId}) RETURN c.name AS name, sum(c.count) AS n ORDER BY name`, {
      projectId: importProject,
    });
    expect(stripes).toEqual([
      { name: "threads", n: 3 },
      { name: "users", n: 4 },
    ]);
  });

  it.each([
    ["the email order (emailKey)", READS.byEmail, {}],
    ["the email order, descending", READS.byEmailDesc, {}],
    ["the userId order", READS.byUserId, {}],
    ["a search by email, any case", READS.search, { s: "EXAMPLE" }],
    ["a search by last name", READS.search, { s: "smith" }],
    ["a search beyond ASCII", READS.search, { s: "ünï" }],
    ["a thread's last messages (seq, threadUuid)", READS.messages, { t: "eq-mail-1" }],
    ["a user's threads", READS.threads, { u: "eq-Jane" }],
  ])("answers %s for imported data as for the API's", async (_, query, variables) => {
    const answer = await answers(t, importProject, query, variables);
    expect(JSON.stringify(answer)).toMatch(/eq-|step/);
    expect(answer).toEqual(await answers(t, t.projectId, query, variables));
  });
});

async function answers(t: TestApp, projectId: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown> | null | undefined> {
  const result = await t.execute(query, variables, projectId);
  expect(result.errors).toBeUndefined();
  return result.data;
}

function withoutProjectId(graph: ProjectGraph): ProjectGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => ({ ...node, props: Object.fromEntries(Object.entries(node.props).filter(([name]) => name !== "projectId")) })),
  };
}
