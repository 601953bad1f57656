import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import type { BenchNeo4j } from "../../scripts/bench/neo4j";
import { waitUntilQuiet } from "../../scripts/bench/scale/quiet";

// The scale benchmark times its reads once the throwaway Neo4j has gone quiet after an import; here the
// watched process is a stand-in that sleeps, or one that keeps a core busy.

function watched(pid: number | null): BenchNeo4j {
  return { uri: "", username: "", password: "", database: "", kind: pid === null ? "external" : "throwaway", pid, stop: () => Promise.resolve() };
}

describe("waitUntilQuiet", () => {
  const children: ChildProcess[] = [];
  const start = (script: string): ChildProcess => {
    const child = spawn(process.execPath, ["-e", script], { stdio: "ignore" });
    children.push(child);
    return child;
  };
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await once(child, "exit");
      }
    }
  });

  it("returns once the process has used almost no CPU for a few seconds", async () => {
    const idle = start("setTimeout(() => {}, 60_000)");
    const wait = await waitUntilQuiet(watched(idle.pid!), 30_000);
    expect(wait.quiet).toBe(true);
    expect(wait.seconds).toBeGreaterThanOrEqual(6);
  }, 40_000);

  it("gives up at its limit while the process keeps a core busy, saying so", async () => {
    const busy = start("for (;;) {}");
    const wait = await waitUntilQuiet(watched(busy.pid!), 4_000);
    expect(wait.quiet).toBe(false);
    expect(wait.seconds).toBeGreaterThanOrEqual(4);
  }, 20_000);

  it("does not wait for an external Neo4j, which it cannot watch", async () => {
    expect(await waitUntilQuiet(watched(null))).toEqual({ seconds: null, quiet: false });
  });
});
