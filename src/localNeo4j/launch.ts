import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import type { Socket } from "node:net";
import path from "node:path";
import { ensureNeo4jJars } from "./jars";
import { javaExecutable, launcherArgs } from "./javaCommand";
import { fileTail, OutputTail } from "./outputTail";

export interface LocalNeo4jOptions {
  port: number;
  dataDir: string;
  password: string;
  // true: Neo4j lives no longer than this process; it exits when its stdin, a pipe from us, closes,
  // which the kernel does even when we crash. false: it outlives us, with its output in launcherLogFile().
  tieToParent: boolean;
  // Neo4j size syntax such as "256m" (the Launcher's default) or "1g".
  pageCache?: string;
  // JVM size syntax such as "1g" (the default) or "2g": transactions may use a quarter of it.
  heap?: string;
  readyTimeoutMs?: number;
}

export interface LocalNeo4j {
  uri: string;
  pid: number;
  // SIGTERM, then SIGKILL if Neo4j has not exited after a grace period; resolves once it has exited.
  stop(): Promise<void>;
}

const readyPrefix = "USERGRAPH_NEO4J_READY ";
const defaultReadyTimeoutMs = 120_000;
const stopGraceMs = 30_000;

// Where a Neo4j that outlives us writes its stderr: beside its data directory, not inside it, because
// the data directory is Neo4j's home and Neo4j's own logs live there.
export function launcherLogFile(dataDir: string): string {
  const absolute = path.resolve(dataDir);
  return path.join(path.dirname(absolute), `neo4j-${path.basename(absolute)}.log`);
}

// Starts Neo4j through scripts/neo4j/Launcher.java and resolves once it accepts Bolt logins.
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const libDir = await ensureNeo4jJars();
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const args = launcherArgs({ ...options, libDir, dataDir, exitOnStdinEof: options.tieToParent });
  const logFile = options.tieToParent ? undefined : launcherLogFile(dataDir);
  const child = spawnLauncher(args, logFile);
  const stderr = new OutputTail();
  if (child.stderr) stderr.follow(child.stderr);

  let uri: string;
  try {
    uri = await waitForReady(child, options.readyTimeoutMs ?? defaultReadyTimeoutMs);
  } catch (error) {
    await stopChild(child);
    const output = logFile ? await fileTail(logFile) : stderr.text();
    const reason =
      launcherSummary(output) ??
      `local Neo4j on 127.0.0.1:${options.port} with data in ${dataDir} did not start: ${(error as Error).message}`;
    throw new Error(output ? `${reason}\n${output}` : reason);
  }
  releaseEventLoop(child, options.tieToParent);
  return { uri, pid: child.pid as number, stop: () => stopChild(child) };
}

// The Launcher ends a failure with one line that says what went wrong; the stack above it is for debugging.
function launcherSummary(output: string): string | undefined {
  const summary = output
    .split("\n")
    .reverse()
    .find((line) => line.startsWith("Launcher: "));
  return summary?.slice("Launcher: ".length);
}

function spawnLauncher(args: string[], logFile: string | undefined): ChildProcess {
  if (!logFile) return spawn(javaExecutable(), args, { stdio: ["pipe", "pipe", "pipe"] });
  const log = openSync(logFile, "w");
  try {
    // Its own process group, so a Ctrl+C meant for the starting shell does not reach it.
    return spawn(javaExecutable(), args, { detached: true, stdio: ["ignore", "pipe", log] });
  } finally {
    closeSync(log); // the child holds its own copy
  }
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    const onData = (chunk: Buffer): void => {
      stdout += chunk.toString("utf8");
      const line = stdout.split("\n").find((candidate) => candidate.startsWith(readyPrefix));
      if (line !== undefined) settle(line.slice(readyPrefix.length).trim());
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      settle(new Error(`the Launcher exited (${signal ?? `exit code ${code}`}) before it was ready`));
    const onError = (error: NodeJS.ErrnoException): void =>
      settle(
        error.code === "ENOENT"
          ? new Error(`${javaExecutable()} not found: install a JDK 17 or newer, or set JAVA_HOME`)
          : error,
      );
    const timer = setTimeout(() => settle(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);

    function settle(result: string | Error): void {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      child.off("error", onError);
      if (typeof result === "string") resolve(result);
      else reject(result);
    }
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
    child.once("error", onError);
  });
}

// Once Neo4j is ready it must not keep this process alive: a tied one dies with us anyway, and a
// detached one is meant to outlive us. Its stdout carries nothing after the ready line.
function releaseEventLoop(child: ChildProcess, tied: boolean): void {
  if (tied) {
    for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as Socket | null)?.unref();
    child.stdout?.resume();
  } else {
    child.stdout?.destroy();
  }
  child.unref();
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || hasExited(child)) return;
  child.ref(); // keep this process alive until Neo4j has closed its store
  child.kill("SIGTERM");
  if (await exitedWithin(child, stopGraceMs)) return;
  child.kill("SIGKILL");
  await exitedWithin(child, stopGraceMs);
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function exitedWithin(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (hasExited(child)) return resolve(true);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      child.off("exit", onExit);
      resolve(false);
    }, timeoutMs);
    child.once("exit", onExit);
  });
}
