import DataLoader from "dataloader";
import type { EntityNodeRecord, UserRecord } from "../db/records";
import type { UserStore } from "../db/users";

/**
 * Per-request loaders: every per-parent lookup of one request is batched into one UNWIND statement and
 * cached for the rest of the request. Created in the context factory, never shared between requests,
 * so one request never sees another's cache.
 */
export interface Loaders {
  userById: DataLoader<string, UserRecord | null>;
  userNodeByUserUuid: DataLoader<string, EntityNodeRecord | null>;
}

export function createLoaders(users: UserStore): Loaders {
  return {
    userById: new DataLoader((userIds) => users.getByIds(userIds)),
    userNodeByUserUuid: new DataLoader((userUuids) => users.getNodesByUserUuids(userUuids)),
  };
}
