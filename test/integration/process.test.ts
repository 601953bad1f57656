import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { packageRoot } from "../../src/paths";
import { testNeo4jConfig } from "../setup/neo4jEnv";

// The service as a process: configuration from the environment, serving, readiness, and a graceful stop
// on SIGTERM and SIGINT with exit code 0. With NEO4J_URI set it starts no Neo4j of its own.

const entry = path.join(packageRoot, "src", "index.ts");

function startService(env: Record<string, string>): { child: ChildProcessWithoutNullStreams; lines: string[] } {
  // One process (tsx as a loader, not its CLI wrapper), so that the signal reaches the service itself.
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: packageRoot,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: "pipe",
  });
  const lines: string[] = [];
  let buffered = "";
  const collect = (chunk: Buffer): void => {
    buffered += chunk.toString("utf8");
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    lines.push(...parts);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return { child, lines };
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

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

  it("refuses to start on invalid configuration, naming every problem", async () => {
    const { child, lines } = startService({ ...baseEnv, PORT: "eighty", LOG_LEVEL: "loud" });
    expect(await exitCode(child)).toBe(1);
    const output = lines.join("\n");
    expect(output).toContain("PORT");
    expect(output).toContain("LOG_LEVEL");
  });
});
