import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { findFreePort, isPortListening } from "../../src/localNeo4j";
import { testNeo4jConfig } from "../setup/neo4jEnv";
import { exitCode, servingUrl, startService, waitFor } from "../support/serviceProcess";

// The service as a process: configuration from the environment, serving, readiness, and a graceful stop
// on SIGTERM and SIGINT with exit code 0. With NEO4J_URI set it starts no Neo4j of its own; without it,
// it starts (or reuses) the local one, and stops only the one it started.

describe("the service process", () => {
  const neo = testNeo4jConfig();
  const baseEnv = {
    NEO4J_URI: neo.uri,
    NEO4J_USERNAME: neo.username,
    NEO4J_PASSWORD: neo.password,
    NEO4J_DATABASE: neo.database,
    PORT: "0",
    LOG_LEVEL: "info",
  };

  it.each(["SIGTERM", "SIGINT"] as const)("serves, reports ready, and stops cleanly on %s", async (signal) => {
    const { child, lines } = startService({ ...baseEnv, PROJECT_ID: `process-${randomUUID()}` });
    try {
      const url = await waitFor(() => {
        for (const line of lines) {
          if (line.includes("usergraph is serving")) return (JSON.parse(line) as { url: string }).url;
        }
        return undefined;
      }, "the serving log line");
      const base = url.replace(/\/graphql$/, "").replace("localhost", "127.0.0.1");
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "query Probe { usersOrdered { totalCount } }", operationName: "Probe" }),
      });
      expect(((await response.json()) as any).data.usersOrdered.totalCount).toBe(0);
      await waitFor(() => lines.find((line) => line.includes('"graphql request"') && line.includes('"operation":"Probe"')), "the request log line");
      child.kill(signal);
      expect(await exitCode(child)).toBe(0);
      expect(lines.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
      expect(lines.some((line) => line.includes("local Neo4j"))).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("on SIGTERM turns unready at once, keeps serving through SHUTDOWN_DELAY_MS, then stops cleanly", async () => {
    const { child, lines } = startService({ ...baseEnv, PROJECT_ID: `process-${randomUUID()}`, SHUTDOWN_DELAY_MS: "4000" });
    try {
      const url = await waitFor(() => servingUrl(lines), "the serving log line");
      const base = url.replace(/\/graphql$/, "");
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      child.kill("SIGTERM");
      await waitFor(() => lines.find((line) => line.includes("shutting down")), "the shutdown log line");
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "stopping" });
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ usersOrdered { rowCount } }" }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).data.usersOrdered.rowCount).toBe(0);
      expect(await exitCode(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("refuses to start in production without NEO4J_URI, naming it, instead of trying to start a local Neo4j", async () => {
    const { child, lines } = startService({ PATH: process.env.PATH ?? "", NODE_ENV: "production", PORT: "0" });
    expect(await exitCode(child)).toBe(1);
    const output = lines.join("\n");
    expect(output).toContain("NEO4J_URI is required in production");
    expect(output).not.toMatch(/ENOENT|pom\.xml|Maven/);
  });

  it("refuses to start on invalid configuration, naming every problem", async () => {
    const { child, lines } = startService({ ...baseEnv, PORT: "eighty", LOG_LEVEL: "loud" });
    expect(await exitCode(child)).toBe(1);
    const output = lines.join("\n");
    expect(output).toContain("PORT");
    expect(output).toContain("LOG_LEVEL");
  });

  it("without NEO4J_URI starts a local Neo4j, a second instance reuses it, and only its starter stops it", async () => {
    const port = await findFreePort();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "usergraph-process-neo4j-"));
    const localEnv = { PORT: "0", LOG_LEVEL: "info", NEO4J_LOCAL_PORT: String(port), NEO4J_LOCAL_DATA: dataDir };
    const first = startService({ ...localEnv, PROJECT_ID: `local-${randomUUID()}` });
    let second: ReturnType<typeof startService> | null = null;
    try {
      const firstUrl = await waitFor(() => servingUrl(first.lines), "the first instance to serve", 150_000);
      expect(first.lines.some((line) => line.includes("local Neo4j ready") && line.includes('"startedHere":true'))).toBe(true);
      expect((await fetch(firstUrl.replace(/\/graphql$/, "/health/ready"))).status).toBe(200);

      second = startService({ ...localEnv, PROJECT_ID: `local-${randomUUID()}` });
      await waitFor(() => servingUrl(second!.lines), "the second instance to serve");
      expect(second.lines.some((line) => line.includes("local Neo4j ready") && line.includes('"startedHere":false'))).toBe(true);
      second.child.kill("SIGTERM");
      expect(await exitCode(second.child)).toBe(0);
      expect(await isPortListening("127.0.0.1", port)).toBe(true);

      first.child.kill("SIGTERM");
      expect(await exitCode(first.child)).toBe(0);
      expect(await isPortListening("127.0.0.1", port)).toBe(false);
    } finally {
      for (const instance of [first, second]) if (instance && instance.child.exitCode === null) instance.child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
