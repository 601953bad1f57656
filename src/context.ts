import type { Logger } from "pino";
import { type Caller, PROJECT_CALLER } from "./auth/caller";
import type { Database } from "./db/database";
import { GraphStore } from "./db/graph";
import { GraphReads } from "./db/graphReads";
import { IdempotencyKeyStore } from "./db/idempotencyKeys";
import { ThreadStore } from "./db/threads";
import { UserStore } from "./db/users";
import { type Summarizer, factListSummarizer } from "./domain/graph/summarizer";
import { type Loaders, createLoaders } from "./loaders";

/** What every resolver receives: the project's stores, who is calling, this request's loaders and logger. */
export interface Context {
  projectId: string;
  /** The project itself, or one end user who may reach only their own world (src/auth/access.ts). */
  caller: Caller;
  users: UserStore;
  threads: ThreadStore;
  graph: GraphStore;
  graphReads: GraphReads;
  /** The Idempotency-Keys of the project; a claimed key journals this request's writes (services/idempotency). */
  idempotencyKeys: IdempotencyKeyStore;
  /** How node summaries are made; the default needs no network. */
  summarizer: Summarizer;
  loaders: Loaders;
  /**
   * Replaces the loaders with empty ones. After a mutation, what the request had cached (a page, a count, a
   * context block) may no longer hold; the fields selected under the mutation's result read afresh.
   */
  renewLoaders(this: Context): void;
  /** The request's logger: the service's, with the request's id on every line. */
  logger: Logger;
}

export interface ContextDependencies {
  db: Database;
  projectId: string;
  /** Default: the project (an API key, or an anonymous request outside production). */
  caller?: Caller;
  logger: Logger;
  /** How node summaries are made; the default needs no network. */
  summarizer?: Summarizer;
}

export function createContext({ db: sharedDb, projectId, caller = PROJECT_CALLER, logger, summarizer = factListSummarizer }: ContextDependencies): Context {
  const db = sharedDb.forRequest();
  const users = new UserStore(db, projectId, summarizer);
  const graph = new GraphStore(db, projectId, summarizer);
  const threads = new ThreadStore(db, projectId, graph);
  const graphReads = new GraphReads(db, projectId);
  return {
    projectId,
    caller,
    users,
    threads,
    graph,
    graphReads,
    idempotencyKeys: new IdempotencyKeyStore(db, projectId),
    summarizer,
    loaders: createLoaders({ users, threads, graph: graphReads }, caller),
    // On `this`: Apollo hands resolvers a shallow copy of the context, and it is the copy they read.
    renewLoaders(this: Context) {
      this.loaders = createLoaders({ users, threads, graph: graphReads }, caller);
    },
    logger,
  };
}
