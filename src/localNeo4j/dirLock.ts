import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { isProcessAlive } from "./processes";

// mkdir is atomic, so of several processes creating the same directory exactly one succeeds: that one
// holds the lock. The holder writes its pid inside, so a lock left by a crashed holder can be taken over.
export async function withDirLock<T>(lockDir: string, fn: () => Promise<T>, timeoutMs = 10 * 60_000): Promise<T> {
  await acquire(lockDir, timeoutMs);
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

const ownerFile = "owner.pid";
// Between mkdir and writing the pid a holder has no owner file; one that old without it has crashed.
const ownerlessGraceMs = 30_000;

async function acquire(lockDir: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(path.join(lockDir, ownerFile), `${process.pid}\n`);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = await readOwner(lockDir);
    if (await isAbandoned(lockDir, owner)) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for the lock ${lockDir} (held by pid ${owner ?? "unknown"}); ` +
          "delete that directory if no such process is running",
      );
    }
    await sleep(250);
  }
}

async function readOwner(lockDir: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(path.join(lockDir, ownerFile), "utf8"), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function isAbandoned(lockDir: string, owner: number | undefined): Promise<boolean> {
  if (owner !== undefined) return !isProcessAlive(owner);
  try {
    return Date.now() - (await stat(lockDir)).mtimeMs > ownerlessGraceMs;
  } catch {
    return false; // released meanwhile; the next mkdir will tell
  }
}
