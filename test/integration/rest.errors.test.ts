import http from "node:http";
import { Writable } from "node:stream";
import { Zep, ZepClient } from "@getzep/zep-cloud";
import DataLoader from "dataloader";
import express from "express";
import pino from "pino";
import { newApiKey } from "../../src/auth/apiKeyFormat";
import { PROJECT_CALLER } from "../../src/auth/caller";
import { createRestRouter } from "../../src/rest";
import { uniqueId } from "../support/testApp";
import { withUnreachableNeo4j } from "../support/unreachable";
import { failure, messageOf, useZepApp } from "../support/zep";

// What /api/v2 answers when it cannot do what was asked: Zep's error shape `{ message }` with the status the
// SDKs turn into their error classes, a named refusal for every Zep feature usergraph does not have, and
// internal failures masked.


function listen(app: express.Express): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer(app);
  return new Promise((resolve) => {
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ base: `http://127.0.0.1:${port}/api/v2`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

describe("REST refusals and errors", () => {
  const app = useZepApp();

  it.each([
    ["graph.clone", () => app.zep.graph.clone({ sourceUserId: "a", targetUserId: "b" }), "POST /api/v2/graph/clone: graph cloning"],
    ["graph.setEntityTypes", () => app.zep.graph.setEntityTypes({}, {}), "PUT /api/v2/entity-types: ontologies"],
    ["graph.listEntityTypes", () => app.zep.graph.listEntityTypes(), "GET /api/v2/entity-types: ontologies"],
    [
      "user.addUserSummaryInstructions",
      () => app.zep.user.addUserSummaryInstructions({ instructions: [{ name: "a", text: "b" }] }),
      "user summary instructions",
    ],
    ["graph.addCustomInstructions", () => app.zep.graph.addCustomInstructions({ instructions: [{ name: "a", text: "b" }] }), "custom instructions"],
    ["graph.addBatch", () => app.zep.graph.addBatch({ episodes: [{ data: "x", type: "text" }], userId: "u" }), "batch ingestion"],
    ["thread.addMessagesBatch", () => app.zep.thread.addMessagesBatch("t", { messages: [{ role: "user", content: "x" }] }), "batch ingestion"],
    ["batch.create", () => app.zep.batch.create({ name: "b" } as never), "batch ingestion"],
    ["graph.create", () => app.zep.graph.create({ graphId: "team" }), "standalone graphs (graph_id)"],
    ["graph.get", () => app.zep.graph.get("team"), "standalone graphs (graph_id)"],
    ["graph.listAll", () => app.zep.graph.listAll(), "standalone graphs (graph_id)"],
    ["graph.node.getByGraphId", () => app.zep.graph.node.getByGraphId("team", {}), "standalone graphs (graph_id)"],
    ["graph.node.delete", () => app.zep.graph.node.delete("n"), "DELETE /api/v2/graph/node/n: deleting single nodes"],
    ["graph.edge.update", () => app.zep.graph.edge.update("e", { fact: "x" }), "PATCH /api/v2/graph/edge/e: editing nodes and facts"],
    ["graph.episode.get", () => app.zep.graph.episode.get("e"), "reading or changing single episodes"],
    ["graph.observation.getByUserId", () => app.zep.graph.observation.getByUserId("u", {}), "observations and summaries"],
    ["thread.getSummary", () => app.zep.thread.getSummary("t"), "thread summaries and thread episodes"],
    ["context.listContextTemplates", () => app.zep.context.listContextTemplates(), "context templates"],
    ["project.get", () => app.zep.project.get(), "project settings"],
    ["task.get", () => app.zep.task.get("task"), "tasks"],
  ])("%s answers 400 naming what usergraph does not support", async (_name, call, named) => {
    const error = await failure(call());
    expect(error.statusCode).toBe(400);
    expect(messageOf(error)).toContain(named);
    expect(messageOf(error)).toMatch(/ is not supported by usergraph$/);
  });

  it("raises the SDK's BadRequestError where the SDK has one for 400", async () => {
    expect(await failure(app.zep.graph.clone({}))).toBeInstanceOf(Zep.BadRequestError);
  });

  it("answers 400 for a route Zep does not have either, naming method and path", async () => {
    const response = await fetch(`${app.base}/no/such/route?x=1`, { method: "PUT" });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: "PUT /api/v2/no/such/route is not supported by usergraph" });
  });

  it("answers 400 for a body that is not JSON, or not a JSON object", async () => {
    const post = (body: string) => fetch(`${app.base}/users`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const malformed = await post("{nope");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ message: "the request body is not valid JSON" });
    const array = await post("[]");
    expect(array.status).toBe(400);
    expect(await array.json()).toEqual({ message: "the request body must be a JSON object" });
    const typed = await post(JSON.stringify({ user_id: 42 }));
    expect(await typed.json()).toEqual({ message: "user_id must be a string; got 42" });
  });

  it("answers a query parameter that is not a number with 400", async () => {
    const response = await fetch(`${app.base}/users-ordered?pageSize=ten`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'query parameter pageSize must be an integer; got "ten"' });
  });

  it("masks an unexpected failure as 500 { message: 'Internal server error' } and logs it in full", async () => {
    const lines: Record<string, any>[] = [];
    const logger = pino(
      { level: "info" },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(JSON.parse(String(chunk)));
          done();
        },
      }),
    );
    // A context whose user lookup fails the way a bug would: not with one of our codes.
    const context = () => {
      const ctx = app.t.app.server.context();
      ctx.loaders.userById = new DataLoader<string, null>(() => Promise.reject(new Error("bolt://admin:secret@db exploded")));
      return ctx;
    };
    const restOnly = express();
    // A gate that lets every request in as the app's project: the failure under test comes after it.
    const gate = () => Promise.resolve({ projectId: app.t.projectId, caller: PROJECT_CALLER, rateKey: "test" });
    restOnly.use("/api/v2", createRestRouter({ context, gate, logger }));
    const served = await listen(restOnly);
    try {
      const client = new ZepClient({ apiKey: "test", baseUrl: served.base });
      const error = await failure(client.user.get(uniqueId("boom"), { maxRetries: 0 }));
      expect(error).toBeInstanceOf(Zep.InternalServerError);
      expect(error.statusCode).toBe(500);
      expect(error.body).toEqual({ message: "Internal server error" });
      const logged = lines.find((line) => line.msg === "internal error");
      expect(logged?.err?.message).toBe("bolt://admin:secret@db exploded");
      expect(logged?.path?.[0]).toBe("GET");
      expect(logged?.path?.[1]).toMatch(/^\/api\/v2\/users\/boom-/);
    } finally {
      await served.close();
    }
  });
});

describe("REST when Neo4j cannot be reached", () => {
  it("answers 503 with the service's message, and no internals", () =>
    withUnreachableNeo4j(async (server) => {
      // A well-formed key: checking it is the first thing that needs the database.
      const client = new ZepClient({ apiKey: newApiKey().key, baseUrl: `http://127.0.0.1:${await server.listen(0)}/api/v2` });
      const error = await failure(client.user.get("x", { maxRetries: 0 }));
      expect(error.statusCode).toBe(503);
      expect(error.body).toEqual({ message: "the database is unavailable; try again shortly" });
    }));
});
