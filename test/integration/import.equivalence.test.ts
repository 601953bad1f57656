import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ImportStore } from "../../src/db/imports";
import { factListSummarizer } from "../../src/domain/graph/summarizer";
import { importFile } from "../../src/import/importFile";
import { type ProjectGraph, deleteProject, readProjectGraph } from "../support/projectGraph";
import { type TestApp, startTestApp, uniqueId } from "../support/testApp";

// The import writes in batches, with statements of its own; what it leaves in Neo4j must be what the API
// leaves for the same users, threads and messages (addUser, createThread, addMessages in calls of 30):
// the same nodes, labels, properties and relationships, uuids and instants aside.

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

const LOWER_COPIES = { userIdLower: "userId", emailLower: "email", firstNameLower: "firstName", lastNameLower: "lastName" } as const;

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

describe("bulk import", () => {
  let t: TestApp;
  let dir: string;
  const importProject = uniqueId("import-equivalence");

  beforeAll(async () => {
    t = await startTestApp();
    dir = await mkdtemp(path.join(os.tmpdir(), "usergraph-import-"));
  });

  afterAll(async () => {
    await deleteProject(t, importProject);
    await deleteProject(t, t.projectId);
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("stores the same graph as addUser, createThread and addMessages through GraphQL, uuids and instants aside", async () => {
    const input = lines("eq");
    const file = path.join(dir, "users.ndjson");
    await writeFile(file, input.map((line) => JSON.stringify(line)).join("\n"));
    // Batches of two, so that the file takes more than one transaction.
    const summary = await importFile({ imports: new ImportStore(t.app.db, importProject), summarizer: factListSummarizer }, file, { batchSize: 2 });
    expect(summary).toMatchObject({ imported: 4, skipped: 0, rejected: 0 });
    await throughTheApi(t, input);

    const imported = await readProjectGraph(t, importProject);
    const api = await readProjectGraph(t, t.projectId);
    expect(api.nodes.length).toBe(2 * 4 + 3 + 2 * (3 + 35));
    expect(withoutProjectId(setAsideLowerCopies(imported, api))).toEqual(withoutProjectId(api));
    expect(api.relationships.filter((r) => r.includes("-[MENTIONS")).length).toBeGreaterThan(0);
  });
});

function withoutProjectId(graph: ProjectGraph): ProjectGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => ({ ...node, props: Object.fromEntries(Object.entries(node.props).filter(([name]) => name !== "projectId")) })),
  };
}

/**
 * Imported users carry lower-cased copies of their ids and names for the users search. Until user.create
 * writes them too, they are checked here (toLower of each field, absent when the field is) and then set
 * aside; once the API writes them, they are compared like every other property.
 */
function setAsideLowerCopies(imported: ProjectGraph, api: ProjectGraph): ProjectGraph {
  const apiWritesThem = api.nodes.some((node) => node.labels.includes("User") && "userIdLower" in node.props);
  if (apiWritesThem) return imported;
  return {
    ...imported,
    nodes: imported.nodes.map((node) => {
      if (!node.labels.includes("User")) return node;
      const props = { ...node.props };
      for (const [copy, field] of Object.entries(LOWER_COPIES)) {
        const source = props[field];
        expect(props[copy]).toBe(typeof source === "string" ? source.toLowerCase() : undefined);
        delete props[copy];
      }
      return { ...node, props };
    }),
  };
}
