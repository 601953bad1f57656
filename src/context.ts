import type { Logger } from "pino";
import type { Database } from "./db/database";
import { GraphStore } from "./db/graph";
import { GraphReads } from "./db/graphReads";
import { ThreadStore } from "./db/threads";
import { UserStore } from "./db/users";
import { type Summarizer, factListSummarizer } from "./domain/graph/summarizer";
import { type Loaders, createLoaders } from "./loaders";

/** What every resolver receives: the project's stores, this request's loaders and logger. */
export interface Context {
  projectId: string;
  users: UserStore;
  threads: ThreadStore;
  graph: GraphStore;
  graphReads: GraphReads;
  /** How node summaries are made; the default needs no network. */
  summarizer: Summarizer;
  loaders: Loaders;
  /**
   * Replaces the loaders with empty ones. After a mutation, what the request had cached (a page, a count, a
   * context block) may no longer hold; the fields selected under the mutation's result read afresh.
   */
  renewLoaders(this: Context): void;
  /** Tells the ingestion worker that a write just queued episodes (a no-op without a worker). */
  episodesQueued: () => void;
  logger: Logger;
}

export interface ContextDependencies {
  db: Database;
  projectId: string;
  logger: Logger;
  /** How node summaries are made; the default needs no network. */
  summarizer?: Summarizer;
  onEpisodesQueued?: () => void;
}

export function createContext({
  db: sharedDb,
  projectId,
  logger,
  summarizer = factListSummarizer,
  onEpisodesQueued = () => undefined,
}: ContextDependencies): Context {
  const db = sharedDb.forRequest();
  const users = new UserStore(db, projectId, summarizer);
  const graph = new GraphStore(db, projectId, summarizer);
  const threads = new ThreadStore(db, projectId, graph);
  const graphReads = new GraphReads(db, projectId);
  return {
    projectId,
    users,
    threads,
    graph,
    graphReads,
    summarizer,
    loaders: createLoaders({ users, threads, graph: graphReads }),
    // On `this`: Apollo hands resolvers a shallow copy of the context, and it is the copy they read.
    renewLoaders(this: Context) {
      this.loaders = createLoaders({ users, threads, graph: graphReads });
    },
    episodesQueued: onEpisodesQueued,
    logger,
  };
}
