import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";
import { packageRoot } from "../../src/paths";

// The service as a process (src/index.ts), with only the environment a test gives it, and its output as lines.

const entry = path.join(packageRoot, "src", "index.ts");

export interface ServiceProcess {
  child: ChildProcessWithoutNullStreams;
  /** Everything it printed, stdout and stderr, one entry per line. */
  lines: string[];
}

export function startService(env: Record<string, string>): ServiceProcess {
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

/** The GraphQL URL from the "usergraph is serving" line, on 127.0.0.1; undefined until that line is out. */
export function servingUrl(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    if (line.includes("usergraph is serving")) return (JSON.parse(line) as { url: string }).url.replace("localhost", "127.0.0.1");
  }
  return undefined;
}

export async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}
