import type { Logger } from "pino";
import type { Database } from "./db/database";
import { ThreadStore } from "./db/threads";
import { UserStore } from "./db/users";
import { type Loaders, createLoaders } from "./loaders";

/** What every resolver receives: the project's stores, this request's loaders and logger. */
export interface Context {
  projectId: string;
  users: UserStore;
  threads: ThreadStore;
  loaders: Loaders;
  logger: Logger;
}

export interface ContextDependencies {
  db: Database;
  projectId: string;
  logger: Logger;
}

export function createContext({ db, projectId, logger }: ContextDependencies): Context {
  const users = new UserStore(db, projectId);
  const threads = new ThreadStore(db, projectId);
  return { projectId, users, threads, loaders: createLoaders({ users, threads }), logger };
}
