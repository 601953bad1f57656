import DataLoader from "dataloader";
import type { PageRequest } from "../domain/pagination";
import type { ContextInputs, GraphReads, TimeUuidCursorKey } from "../db/graphReads";
import type { EntityNodeRecord, EpisodeRecord, FactRecord, MessageRecord, ThreadRecord, UserRecord } from "../db/records";
import type { MessageCursorKey, ThreadCursorKey, ThreadStore } from "../db/threads";
import type { UserStore } from "../db/users";
import { createPageLoader } from "./pageLoader";

/**
 * Per-request loaders: every per-parent lookup of one request is batched into one UNWIND statement and
 * cached for the rest of the request. Created in the context factory, never shared between requests,
 * so one request never sees another's cache.
 */
export function createLoaders(stores: { users: UserStore; threads: ThreadStore; graph: GraphReads }) {
  const { users, threads, graph } = stores;
  return {
    userById: new DataLoader<string, UserRecord | null>((userIds) => users.getByIds(userIds)),
    userNodeByUserUuid: new DataLoader<string, EntityNodeRecord | null>((uuids) => users.getNodesByUserUuids(uuids)),
    threadById: new DataLoader<string, ThreadRecord | null>((threadIds) => threads.getByIds(threadIds)),
    threadCountByUserUuid: new DataLoader<string, number>((uuids) => threads.countByUserUuids(uuids)),
    threadPageByUser: createPageLoader<PageRequest<ThreadCursorKey>, ThreadRecord>((uuids, request) =>
      threads.pagesByUserUuids(uuids, request),
    ),
    messagePageByThread: createPageLoader<PageRequest<MessageCursorKey>, MessageRecord>((uuids, request) =>
      threads.messagePagesByThreadUuids(uuids, request),
    ),
    entityByUuid: new DataLoader<string, EntityNodeRecord | null>((uuids) => graph.entitiesByUuids(uuids)),
    factByUuid: new DataLoader<string, FactRecord | null>((uuids) => graph.factsByUuids(uuids)),
    factPageByNode: createPageLoader<PageRequest<TimeUuidCursorKey> & { includeInvalid: boolean }, FactRecord>(
      (uuids, request) => graph.factPagesByNodes(uuids, request),
    ),
    graphNodePageByUser: createPageLoader<PageRequest<TimeUuidCursorKey>, EntityNodeRecord>((uuids, request) =>
      graph.entityPagesByUsers(uuids, request),
    ),
    factPageByUser: createPageLoader<PageRequest<TimeUuidCursorKey>, FactRecord>((uuids, request) =>
      graph.factPagesByUsers(uuids, request),
    ),
    mentionsByEpisode: new DataLoader<string, EntityNodeRecord[]>((uuids) => graph.mentionsByEpisodes(uuids)),
    latestEpisodesByUser: createPageLoader<{ limit: number }, EpisodeRecord>(async (uuids, { limit }) =>
      (await graph.latestEpisodesByUsers(uuids, limit)).map((rows) => ({ rows, hasBeyondCursor: false, totalCount: rows.length })),
    ),
    contextInputsByThread: new DataLoader<string, ContextInputs | null>((uuids) => graph.contextInputsByThreads(uuids)),
    contextFacts: new DataLoader(
      (requests: readonly { groupId: string; query: string | null; limit: number }[]) => graph.contextFacts(requests),
      { cacheKeyFn: (request) => JSON.stringify(request) },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
