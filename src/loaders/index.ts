import DataLoader from "dataloader";
import type { EntityNodeRecord, MessageRecord, ThreadRecord, UserRecord } from "../db/records";
import type { MessageCursorKey, ThreadCursorKey, ThreadStore } from "../db/threads";
import type { UserStore } from "../db/users";
import { createPageLoader } from "./pageLoader";

/**
 * Per-request loaders: every per-parent lookup of one request is batched into one UNWIND statement and
 * cached for the rest of the request. Created in the context factory, never shared between requests,
 * so one request never sees another's cache.
 */
export function createLoaders(stores: { users: UserStore; threads: ThreadStore }) {
  const { users, threads } = stores;
  return {
    userById: new DataLoader<string, UserRecord | null>((userIds) => users.getByIds(userIds)),
    userNodeByUserUuid: new DataLoader<string, EntityNodeRecord | null>((uuids) => users.getNodesByUserUuids(uuids)),
    threadById: new DataLoader<string, ThreadRecord | null>((threadIds) => threads.getByIds(threadIds)),
    threadCountByUserUuid: new DataLoader<string, number>((uuids) => threads.countByUserUuids(uuids)),
    threadPageByUser: createPageLoader<ThreadCursorKey, ThreadRecord>((uuids, request) =>
      threads.pagesByUserUuids(uuids, request),
    ),
    messagePageByThread: createPageLoader<MessageCursorKey, MessageRecord>((uuids, request) =>
      threads.messagePagesByThreadUuids(uuids, request),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
