import DataLoader from "dataloader";
import { visibilityOf } from "../auth/access";
import { type Caller, PROJECT_CALLER } from "../auth/caller";
import type { GraphReads } from "../db/graphReads";
import type { ThreadStore } from "../db/threads";
import type { UserStore } from "../db/users";
import type {
  ContextInputs,
  EntityNodeRecord,
  EpisodeRecord,
  FactRecord,
  InstantIdKey,
  MessageRecord,
  PageRequest,
  SeqKey,
  ThreadRecord,
  UserRecord,
} from "../model";
import { type ConnectionLoader, createPageLoader } from "./pageLoader";

/**
 * Per-request loaders: every per-parent lookup of one request is batched into one UNWIND statement and
 * cached for the rest of the request. Created in the context factory, never shared between requests,
 * so one request never sees another's cache. Each carries its name, for tracing tools. The loaders that find
 * things by id show an end user only their own (src/auth/access.ts); a project caller sees the project.
 */
export function createLoaders(stores: { users: UserStore; threads: ThreadStore; graph: GraphReads }, caller: Caller = PROJECT_CALLER) {
  const { users, threads, graph } = stores;
  // The totals of connections: separate loaders, so that a page costs no count unless a client asks.
  const threadCountByUserUuid = new DataLoader<string, number>((uuids) => threads.countByUserUuids(uuids), { name: "threadCountByUserUuid" });
  const graphNodeCountByUser = new DataLoader<string, number>((uuids) => graph.entityCountsByUsers(uuids), { name: "graphNodeCountByUser" });
  const factCountByNode = new DataLoader<string, number>((uuids) => graph.factCountsByNodes(uuids, true), { name: "factCountByNode" });
  const validFactCountByNode = new DataLoader<string, number>((uuids) => graph.factCountsByNodes(uuids, false), {
    name: "validFactCountByNode",
  });
  // An end user's own record, which the visibility of nodes and facts is decided by, comes through userById.
  const visible = visibilityOf(caller, (userId) => userById.load(userId));
  const userById = new DataLoader<string, UserRecord | null>(async (userIds) => (await users.getByIds(userIds)).map((user) => visible.user(user)), {
    name: "userById",
  });
  return {
    userById,
    // Users matching a search, "" for every user (the project's counter): read once per request, and only
    // when a totalCount is asked for.
    userCount: new DataLoader<string, number>((searches) => Promise.all(searches.map((search) => users.count(search))), {
      name: "userCount",
    }),
    userNodeByUserUuid: new DataLoader<string, EntityNodeRecord | null>((uuids) => users.getNodesByUserUuids(uuids), {
      name: "userNodeByUserUuid",
    }),
    threadById: new DataLoader<string, ThreadRecord | null>(
      async (threadIds) => (await threads.getByIds(threadIds)).map((thread) => visible.thread(thread)),
      { name: "threadById" },
    ),
    threadCountByUserUuid,
    /** The project's threads (threadsOrdered' total), keyed by projectId. */
    threadCountByProject: new DataLoader<string, number>((projectIds) => Promise.all(projectIds.map(() => threads.countAll())), {
      name: "threadCountByProject",
    }),
    threadPageByUser: {
      pages: createPageLoader<PageRequest<InstantIdKey>, ThreadRecord>(
        (uuids, request) => threads.pagesByUserUuids(uuids, request),
        "threadPageByUser",
      ),
      count: (uuid) => threadCountByUserUuid.load(uuid),
    } satisfies ConnectionLoader<PageRequest<InstantIdKey>, ThreadRecord>,
    // A thread's total is its messageCount, which every thread record carries: no count loader.
    messagePageByThread: createPageLoader<PageRequest<SeqKey>, MessageRecord>(
      (uuids, request) => threads.messagePagesByThreadUuids(uuids, request),
      "messagePageByThread",
    ),
    entityByUuid: new DataLoader<string, EntityNodeRecord | null>(async (uuids) => visible.inWorld(await graph.entitiesByUuids(uuids)), {
      name: "entityByUuid",
    }),
    factByUuid: new DataLoader<string, FactRecord | null>(async (uuids) => visible.inWorld(await graph.factsByUuids(uuids)), { name: "factByUuid" }),
    factPageByNode: {
      pages: createPageLoader<PageRequest<InstantIdKey> & { includeInvalid: boolean }, FactRecord>(
        (uuids, request) => graph.factPagesByNodes(uuids, request),
        "factPageByNode",
      ),
      count: (uuid, request) => (request.includeInvalid ? factCountByNode : validFactCountByNode).load(uuid),
    } satisfies ConnectionLoader<PageRequest<InstantIdKey> & { includeInvalid: boolean }, FactRecord>,
    graphNodePageByUser: {
      pages: createPageLoader<PageRequest<InstantIdKey>, EntityNodeRecord>(
        (uuids, request) => graph.entityPagesByUsers(uuids, request),
        "graphNodePageByUser",
      ),
      count: (uuid) => graphNodeCountByUser.load(uuid),
    } satisfies ConnectionLoader<PageRequest<InstantIdKey>, EntityNodeRecord>,
    // Zep's edge list by user carries no total: pages only.
    factPageByUser: createPageLoader<PageRequest<InstantIdKey>, FactRecord>(
      (uuids, request) => graph.factPagesByUsers(uuids, request),
      "factPageByUser",
    ),
    mentionsByEpisode: new DataLoader<string, EntityNodeRecord[]>((uuids) => graph.mentionsByEpisodes(uuids), { name: "mentionsByEpisode" }),
    latestEpisodesByUser: createPageLoader<{ limit: number }, EpisodeRecord>(
      async (uuids, { limit }) => (await graph.latestEpisodesByUsers(uuids, limit)).map((rows) => ({ rows, hasBeyondCursor: false })),
      "latestEpisodesByUser",
    ),
    contextInputsByThread: new DataLoader<string, ContextInputs | null>((uuids) => graph.contextInputsByThreads(uuids), {
      name: "contextInputsByThread",
    }),
    contextFacts: new DataLoader(
      (requests: readonly { groupId: string; query: string | null; limit: number }[]) => graph.contextFacts(requests),
      { cacheKeyFn: (request) => JSON.stringify(request), name: "contextFacts" },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
