// The users of the scale scenario, as import lines: user i is `scale-<i>`, numbered from 0 in the order they
// are imported, so that growing from n to m users imports lines n to m - 1. Most users have no threads;
// every THREADED_EVERY-th has THREADS threads of MESSAGES messages (and a graph, written after the import by
// userGraphs.ts); every SEARCHED_EVERY-th has the last name that the growing search looks for, and every
// SHARED_EVERY-th of the first SHARED_AMONG the last name whose search has the same matches at both sizes.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import path from "node:path";

export const THREADED_EVERY = 20;
export const THREADS = 2;
export const MESSAGES = 3;
export const SEARCHED_EVERY = 1000;
export const SEARCHED_NAME = "Zebulon";
/** 1,000 users at any size from 10,000 (SCALE_SMALL's default): as many matches as the growing search has at 1M. */
export const SHARED_AMONG = 10_000;
export const SHARED_EVERY = 10;
export const SHARED_NAME = "Quillon";

const FIRST_NAMES = ["Ada", "Ben", "Chloe", "Dev", "Elif", "Femi", "Gita", "Hugo", "Ines", "Jun"];
const LAST_NAMES = ["Smith", "Garcia", "Okafor", "Novak", "Tanaka", "Silva", "Kowalski", "Haddad", "Larsen"];

export const userId = (i: number): string => `scale-${i}`;
export const threadId = (i: number, thread: number): string => `scale-${i}-t${thread}`;
export const isThreaded = (i: number): boolean => i % THREADED_EVERY === 0;
export const firstName = (i: number): string => FIRST_NAMES[i % FIRST_NAMES.length]!;
export function lastName(i: number): string {
  if (i % SEARCHED_EVERY === 0) return SEARCHED_NAME;
  if (i < SHARED_AMONG && i % SHARED_EVERY === SHARED_EVERY - 1) return SHARED_NAME;
  return LAST_NAMES[i % LAST_NAMES.length]!;
}

export function userLine(i: number, options: { prefix?: string; threads?: boolean } = {}): string {
  const id = options.prefix === undefined ? userId(i) : `${options.prefix}-${i}`;
  const line: Record<string, unknown> = {
    userId: id,
    email: `${id}@example.com`,
    firstName: firstName(i),
    lastName: lastName(i),
    metadata: { plan: i % 3 === 0 ? "pro" : "free", signup: { channel: i % 2 === 0 ? "web" : "app" } },
  };
  if ((options.threads ?? true) && isThreaded(i)) {
    line.threads = Array.from({ length: THREADS }, (_, thread) => ({
      threadId: threadId(i, thread),
      messages: Array.from({ length: MESSAGES }, (_, m) => ({
        role: m % 2 === 0 ? "user" : "assistant",
        ...(m % 2 === 0 ? { name: firstName(i) } : {}),
        content: `Message ${m} of thread ${thread}: my order for ${userId(i)} has not arrived yet, can you check?`,
      })),
    }));
  }
  return JSON.stringify(line);
}

/** Writes users `from` to `to - 1` into `dir`, streaming, so a million lines take no more memory than ten. */
export function writeUsers(dir: string, from: number, to: number): Promise<string> {
  return writeLines(path.join(dir, `users-${from}-${to}.ndjson`), from, to, (i) => userLine(i));
}

/** `count` users `<prefix>-<i>` as above, without threads if so asked (the import scenario's). */
export function writeUserLines(dir: string, prefix: string, count: number, options: { threads: boolean }): Promise<string> {
  return writeLines(path.join(dir, `${prefix}.ndjson`), 0, count, (i) => userLine(i, { prefix, threads: options.threads }));
}

async function writeLines(file: string, from: number, to: number, line: (i: number) => string): Promise<string> {
  const out = createWriteStream(file);
  for (let i = from; i < to; i += 1) {
    if (!out.write(`${line(i)}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return file;
}
