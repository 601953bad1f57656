import { execFileSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

// Helpers for a process we did not spawn ourselves (db:stop stops the Neo4j that db:start left behind),
// so there is no ChildProcess to wait on: we poll. `ps` works the same on Linux and macOS.

interface ProcessInfo {
  state: string;
  args: string;
}

function processInfo(pid: number): ProcessInfo | undefined {
  try {
    const line = execFileSync("ps", ["-o", "stat=,args=", "-p", String(pid)], { encoding: "utf8" }).trim();
    const match = /^(\S+)\s+(.*)$/s.exec(line);
    return match ? { state: match[1] ?? "", args: match[2] ?? "" } : undefined;
  } catch {
    return undefined; // ps exits 1 when there is no such process
  }
}

// A zombie has exited; it only waits for its parent to read its status.
export function isProcessAlive(pid: number): boolean {
  const info = processInfo(pid);
  return info !== undefined && !info.state.startsWith("Z");
}

// The Bolt port the Launcher with this pid was given, or undefined when the pid is not (or no longer) a
// Launcher: a pid file can outlive its process, and the pid can since belong to something else.
export function launcherPort(pid: number): number | undefined {
  const info = processInfo(pid);
  if (info === undefined || info.state.startsWith("Z") || !info.args.includes("Launcher.java")) return undefined;
  const port = /--port (\d+)/.exec(info.args)?.[1];
  return port === undefined ? undefined : Number(port);
}

// SIGTERM lets Neo4j checkpoint and close its store; SIGKILL only if it has not gone after the grace period.
export async function terminateProcess(pid: number, graceMs = 30_000): Promise<void> {
  signal(pid, "SIGTERM");
  if (await waitForExit(pid, graceMs)) return;
  signal(pid, "SIGKILL");
  if (!(await waitForExit(pid, 5_000))) {
    throw new Error(`process ${pid} is still running after SIGTERM, ${graceMs} ms and SIGKILL`);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error; // already gone is what we want
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}
