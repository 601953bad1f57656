import { forbidden } from "../errors";
import type { ThreadRecord, UserRecord } from "../model";
import type { Caller } from "./caller";

// What an end user may reach: their own world (their user, threads, messages, graph, search and context),
// and nothing project-wide. The rule has two halves, both here: what the loaders let an end user see (every
// read, and the lookups that writes start from, go through them, on both doors and in _entities), and the
// checks services make before a write or a project-wide read. Another user's ids answer exactly as unknown
// ones do, so an end user learns nothing of who else exists.

/** Keeps the records the caller may see; one they may not becomes null, the answer to an unknown id. */
export interface Visibility {
  user(user: UserRecord | null): UserRecord | null;
  thread(thread: ThreadRecord | null): ThreadRecord | null;
  /** Nodes and facts, by their world (groupId: the uuid of the user they belong to). */
  inWorld<T extends { groupId: string }>(records: readonly (T | null)[]): Promise<(T | null)[]>;
}

const EVERYTHING: Visibility = {
  user: (user) => user,
  thread: (thread) => thread,
  inWorld: (records) => Promise.resolve([...records]),
};

/** `ownUser` reads the end user's own record (through the request's loader, so it is read once). */
export function visibilityOf(caller: Caller, ownUser: (userId: string) => Promise<UserRecord | null>): Visibility {
  if (caller.kind === "project") return EVERYTHING;
  const { userId } = caller;
  return {
    user: (user) => (user?.userId === userId ? user : null),
    thread: (thread) => (thread?.userId === userId ? thread : null),
    inWorld: async (records) => {
      const own = await ownUser(userId);
      return records.map((record) => (own !== null && record?.groupId === own.uuid ? record : null));
    },
  };
}

/** Whether the caller may act on this userId: a project on any, an end user on their own. */
export function mayActAs(caller: Caller, userId: string): boolean {
  return caller.kind === "project" || caller.userId === userId;
}

/** Refuses project-wide operations (listing the project's users or threads, adding or deleting other users) to an end user. */
export function requireProjectCaller(caller: Caller, operation: string): void {
  if (caller.kind === "user") throw forbidden(`${operation} needs the project's API key; an end user's token reaches only their own world`);
}

/** Adding or deleting a user other than themself is project-wide: FORBIDDEN to an end user, whoever it names. */
export function requireSelfOrProject(caller: Caller, userId: string, operation: string): void {
  if (!mayActAs(caller, userId)) requireProjectCaller(caller, operation);
}

/**
 * Before an end user's write addressed by the id of a thread or fact: the thing must be one their loaders
 * can see, else the write fails as it would for an unknown id. A project's writes need no such read: the
 * store finds the id within the project.
 */
export async function requireVisible(caller: Caller, find: () => Promise<unknown>, missing: () => Error): Promise<void> {
  if (caller.kind === "project") return;
  if ((await find()) === null) throw missing();
}
