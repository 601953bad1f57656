import { randomUUID } from "node:crypto";
import type { FlatMetadata, MetadataPatch } from "../domain/metadata";
import type { UserNodeDescription } from "../domain/userNode";
import type { Summarizer } from "../domain/graph/summarizer";
import type { DeletedUserCounts, EntityNodeRecord, InstantIdKey, Page, PageRequest, PageRows, ThreadRecord, UserOrder, UserRecord } from "../model";
import { addToCounter, readCounter } from "./counters";
import { type Database, type Params, isConstraintViolation } from "./database";
import { type Row, firstRow, mapOptional, toPage } from "./row";
import type { StatementName } from "./statements";
import { refreshSummaries } from "./summaries";
import { toEntityNodeRecord, toThreadRecord, toUserRecord } from "./toRecords";

/** A user as it is first stored, with the graph node that stands for them. */
export interface UserToCreate {
  userId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  metadata: FlatMetadata | null;
  /** The user node; its summary is the summarizer's. */
  node: UserNodeDescription;
}

/**
 * One element of user.create's `users`: addUser passes one, the import a batch, so that both store a user
 * the same way. The uuids are the caller's: the import links threads to the user before it is stored.
 */
export function userCreateParams(user: UserToCreate, uuid: string, nodeUuid: string): Params {
  const { node, metadata } = user;
  return {
    userId: user.userId,
    uuid,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    metadataKeys: metadata?.keys ?? null,
    metadataValues: metadata?.values ?? null,
    node: { ...node, uuid: nodeUuid, attributes: JSON.stringify(node.attributes) },
  };
}

/** An updateUser call as the statement applies it: plain fields (null removes) and a metadata merge plan. */
export interface UserUpdate {
  fields: Record<string, string | null>;
  metadata: MetadataPatch;
}

/** A page of the users connection; its count is read apart, and only when asked for (see count). */
export type UserPageRows = Omit<PageRows<UserRecord>, "totalCount"> & {
  /** Each user's graph node, in row order, when asked for. */
  nodes: (EntityNodeRecord | null)[] | null;
  /** Each user's first page of threads, newest first, in row order, when asked for. */
  threadPages: Page<ThreadRecord>[] | null;
};

/** A numbered page of usersOrdered: the users whose fields contain `search` (all for ""), in an order. */
export interface UserListing {
  skip: number;
  limit: number;
  search: string;
  orderBy: UserOrder;
  asc: boolean;
}

/**
 * What a page of users brings along in its own statement: each user's graph node, and the first page of
 * their threads of `threadPageSize` (null: none), read as ThreadStore.pagesByUserUuids reads a first page.
 */
export interface UserPageInclusions {
  node: boolean;
  threadPageSize: number | null;
}

const NOTHING_INCLUDED: UserPageInclusions = { node: false, threadPageSize: null };

/** How many graph nodes one deletion transaction removes: small enough to bound memory and lock time. */
export const DELETE_BATCH_SIZE = 1000;

/** How many users one transaction of the start-up backfill reads (and at most writes). */
export const BACKFILL_BATCH_SIZE = 5000;

/**
 * The most matches of a search that user.list-ordered-search-counted sorts in memory to answer a page and
 * its count in one read (a few hundred kilobytes of rows). A broader search pays for reading this many
 * matches in vain, then reads its page and its count apart, each of which reads every match again.
 */
export const SEARCH_ONE_READ_MAX = 5000;

/**
 * The name the start-up backfill of the list keys is recorded under once done. A change to what
 * user.create derives for the list indexes needs a new name, so that every project is backfilled again.
 */
export const LIST_KEYS_BACKFILL = "list-keys-2";

/** Users of one project: every statement filters on the project. */
export class UserStore {
  constructor(
    private readonly db: Database,
    private readonly projectId: string,
    private readonly summarizer: Summarizer,
  ) {}

  /**
   * Stores the user and their graph node together, and counts the user in the same transaction, so the
   * project's count never disagrees with its users; "exists" when the userId is taken.
   */
  async add(user: UserToCreate): Promise<UserRecord | "exists"> {
    try {
      return await this.db.writeTransaction(async (tx) => {
        const rows = await tx.run("user.create", {
          projectId: this.projectId,
          users: [userCreateParams(user, randomUUID(), randomUUID())],
          returnUsers: true,
        });
        await addToCounter(tx, this.projectId, "users", 1);
        return toUserRecord(firstRow(rows).row("user"));
      });
    } catch (error) {
      if (isConstraintViolation(error)) return "exists";
      throw error;
    }
  }

  async getByIds(userIds: readonly string[]): Promise<(UserRecord | null)[]> {
    const rows = await this.db.read("user.get-by-ids", { projectId: this.projectId, userIds });
    return rows.map((row) => mapOptional(row.optionalRow("user"), toUserRecord));
  }

  async getNodesByUserUuids(userUuids: readonly string[]): Promise<(EntityNodeRecord | null)[]> {
    const rows = await this.db.read("user-node.get-by-user-uuids", { projectId: this.projectId, userUuids });
    return rows.map((row) => mapOptional(row.optionalRow("node"), toEntityNodeRecord));
  }

  /**
   * Applies the update and re-describes the user node in one transaction, under the user's lock. `describe`
   * sees the merged user before anything commits; throwing from it rolls the update back.
   */
  update(userId: string, update: UserUpdate, describe: (user: UserRecord) => UserNodeDescription): Promise<UserRecord | "missing"> {
    return this.db.writeTransaction(async (tx) => {
      const rows = await tx.run("user.update", {
        projectId: this.projectId,
        userId,
        fields: update.fields,
        metadataMode: update.metadata.mode,
        metadataRemovedPaths: update.metadata.removedPaths,
        metadataRemovedPrefixes: update.metadata.removedPrefixes,
        metadataSet: update.metadata.set,
        metadataSetOrder: update.metadata.setOrder,
      });
      const row = rows[0];
      if (!row) return "missing";
      const user = toUserRecord(row.row("user"));
      const description = describe(user);
      const described = await tx.run("user-node.describe", {
        projectId: this.projectId,
        userUuid: user.uuid,
        name: description.name,
        attributes: JSON.stringify(description.attributes),
        resolveKeys: description.resolveKeys,
        matchKeys: description.matchKeys,
      });
      await refreshSummaries(tx, this.projectId, this.summarizer, described.map((described) => described.string("nodeUuid")));
      return user;
    });
  }

  /**
   * Forgets a user. The first transaction hides the user from every read (a tombstone, which also takes the
   * user off the project's count); the user's world then goes in bounded batches, each its own transaction,
   * so a user of any size deletes in bounded memory; the last transaction drops the tombstone. Interrupted,
   * a repeated call (or the start-up clean-up) resumes from the tombstone. Returns null for an unknown user.
   */
  async delete(userId: string): Promise<DeletedUserCounts | null> {
    const tombstones = await this.db.write("user.tombstone", { projectId: this.projectId, userId });
    let counts: DeletedUserCounts | null = null;
    for (const row of tombstones) {
      const finished = await this.finishDeletion(row.string("groupId"));
      counts = finished ?? counts;
    }
    return counts;
  }

  /**
   * Finishes deletions that an interrupted deleteUser left behind; returns how many it finished. By the
   * tombstone's world, not its userId: the userId was freed when the deletion began and may name a new,
   * live user by now, whom a deleteUser of that id would hide.
   */
  async finishInterruptedDeletions(): Promise<number> {
    const rows = await this.db.read("deleted-user.list-unfinished", { projectId: this.projectId });
    for (const row of rows) await this.finishDeletion(row.string("groupId"));
    return rows.length;
  }

  /**
   * A page of the users connection, newest first. Without a cursor the page starts at an end of the order;
   * with one, it reads on from the cursor's place. Each statement reads its page in index order.
   */
  async page(request: PageRequest<InstantIdKey>, include: UserPageInclusions = NOTHING_INCLUDED): Promise<UserPageRows> {
    const { cursor } = request;
    const params = {
      projectId: this.projectId,
      limit: request.size + 1,
      withNode: include.node,
      // One thread more than the page, as the thread page statements read, to tell whether more follow.
      threadLimit: include.threadPageSize === null ? 0 : include.threadPageSize + 1,
    };
    const forward = request.direction === "forward";
    let rows: Row[];
    if (cursor === null) {
      rows = await this.db.read(forward ? "user.page-forward" : "user.page-backward", params);
    } else if (forward) {
      rows = await this.db.read("user.page-forward-after", { ...params, afterCreatedAt: cursor.createdAt, afterUserId: cursor.id });
    } else {
      rows = await this.db.read("user.page-backward-before", { ...params, beforeCreatedAt: cursor.createdAt, beforeUserId: cursor.id });
    }
    const row = firstRow(rows);
    const users = row.rows("users");
    return {
      rows: users.map(toUserRecord),
      // The statements from an end of the order return no flag: nothing lies beyond an end.
      hasBeyondCursor: row.flag(forward ? "hasPrevious" : "hasNext"),
      nodes: include.node ? users.map((user) => mapOptional(user.optionalRow("node"), toEntityNodeRecord)) : null,
      // Read as a first page of thread.page-by-users-forward: no flag, nothing precedes it.
      threadPages: include.threadPageSize === null ? null : users.map((user) => toPage(user, "threads", true, toThreadRecord)),
    };
  }

  /**
   * One numbered page of the users whose userId, email, first or last name contains `search`, case
   * ignored. The empty search matches every user, and is read in the order of an index.
   */
  async listOrdered(options: UserListing): Promise<UserRecord[]> {
    const { skip, limit, orderBy, asc } = options;
    let rows: Row[];
    if (options.search === "") {
      const statement = ORDERED_STATEMENTS[orderBy][asc ? "asc" : "desc"];
      rows = await this.db.read(statement, { projectId: this.projectId, skip, limit });
    } else {
      rows = await this.db.read("user.list-ordered-search", this.searchParams(options));
    }
    return rows.map((row) => toUserRecord(row.row("user")));
  }

  /**
   * A page of a non-empty search and how many users match it, as listOrdered and count would answer them.
   * A search that matches at most `maxMatches` users is answered from one read of its matches; one that
   * matches more costs that read in vain, then the page and the count are read side by side.
   */
  async searchWithCount(options: UserListing, maxMatches = SEARCH_ONE_READ_MAX): Promise<{ users: UserRecord[]; total: number }> {
    const rows = await this.db.read("user.list-ordered-search-counted", { ...this.searchParams(options), maxMatches });
    const row = firstRow(rows);
    const matched = row.number("matched");
    if (matched <= maxMatches) return { users: row.rows("users").map(toUserRecord), total: matched };
    const [users, total] = await Promise.all([this.listOrdered(options), this.count(options.search)]);
    return { users, total };
  }

  /** What the statements of a search's page take (the text index holds lower-cased text). */
  private searchParams({ skip, limit, search, orderBy, asc }: UserListing): Params {
    return { projectId: this.projectId, search: search.toLowerCase(), orderBy, asc, skip, limit };
  }

  /**
   * How many users match `search` (as listOrdered matches it). The empty search matches every user: the
   * project's counter answers it, without reading the users.
   */
  async count(search: string): Promise<number> {
    if (search === "") return readCounter(this.db, this.projectId, "users");
    const rows = await this.db.read("user.count-search", { projectId: this.projectId, search: search.toLowerCase() });
    return firstRow(rows).number("count");
  }

  /**
   * Start-up, before the first add: a project whose users were stored before the user counter existed has
   * no counter yet; this counts its users once. Returns the users counted, or null when a counter existed.
   */
  async initialiseCounter(): Promise<number | null> {
    const rows = await this.db.write("user.init-counter", { projectId: this.projectId });
    return rows[0]?.number("counted") ?? null;
  }

  /**
   * Start-up: users stored before the list indexes, or before searchText, lack the keys they read (searchText
   * for search, emailKey for the email order). Writes them in batches, once per project, and removes the
   * lower-cased copies an earlier version searched; a backfill cut short runs again at the next start-up.
   * Returns how many users it wrote.
   */
  async backfillListKeys(batchSize = BACKFILL_BATCH_SIZE): Promise<number> {
    const params = { projectId: this.projectId, name: LIST_KEYS_BACKFILL };
    if (firstRow(await this.db.read("user.backfill-done", params)).flag("done")) return 0;
    let written = 0;
    let afterUserId: string | null = "";
    while (afterUserId !== null) {
      const row = firstRow(await this.db.write("user.backfill-keys", { projectId: this.projectId, afterUserId, batchSize }));
      written += row.number("written");
      afterUserId = row.optionalString("lastUserId");
    }
    await this.db.write("user.backfill-finish", params);
    return written;
  }

  private async finishDeletion(groupId: string): Promise<DeletedUserCounts | null> {
    // Messages before threads before graph nodes: each batch statement finds its nodes by the user's
    // world, so the order only keeps every batch small (no thread drags its messages along).
    for (const batch of WORLD_DELETION_BATCHES) {
      for (;;) {
        const rows = await this.db.write(batch, { projectId: this.projectId, groupId, batchSize: DELETE_BATCH_SIZE });
        if ((rows[0]?.optionalNumber("deleted") ?? 0) === 0) break;
      }
    }
    const rows = await this.db.write("user.purge-tombstone", { projectId: this.projectId, groupId });
    return mapOptional(rows[0]?.optionalRow("counts") ?? null, toDeletedUserCounts);
  }
}

/** The statement of each numbered order without a search: each reads its page in the order of an index. */
const ORDERED_STATEMENTS: Readonly<Record<UserOrder, Readonly<Record<"asc" | "desc", StatementName>>>> = {
  CREATED_AT: { asc: "user.list-ordered-created-at-asc", desc: "user.list-ordered" },
  USER_ID: { asc: "user.list-ordered-user-id-asc", desc: "user.list-ordered-user-id-desc" },
  EMAIL: { asc: "user.list-ordered-email-asc", desc: "user.list-ordered-email-desc" },
};

const WORLD_DELETION_BATCHES = [
  "world.delete-messages-batch",
  "world.delete-threads-batch",
  "world.delete-episodes-batch",
  "world.delete-entities-batch",
] as const;

function toDeletedUserCounts(row: Row): DeletedUserCounts {
  return {
    userId: row.string("userId"),
    deletedThreads: row.number("deletedThreads"),
    deletedMessages: row.number("deletedMessages"),
    deletedFacts: row.number("deletedFacts"),
    deletedNodes: row.number("deletedNodes"),
  };
}
