import { randomUUID } from "node:crypto";
import type { FlatMetadata, MetadataPatch } from "../domain/metadata";
import type { UserNodeDescription } from "../domain/userNode";
import type { Summarizer } from "../domain/graph/summarizer";
import type { DeletedUserCounts, EntityNodeRecord, InstantIdKey, PageRequest, PageRows, UserOrder, UserRecord } from "../model";
import { type Database, isConstraintViolation } from "./database";
import { type Row, firstRow, mapOptional, toPageRows } from "./row";
import { refreshSummaries } from "./summaries";
import { toEntityNodeRecord, toUserRecord } from "./toRecords";

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

/** An updateUser call as the statement applies it: plain fields (null removes) and a metadata merge plan. */
export interface UserUpdate {
  fields: Record<string, string | null>;
  metadata: MetadataPatch;
}

/** How many graph nodes one deletion transaction removes: small enough to bound memory and lock time. */
export const DELETE_BATCH_SIZE = 1000;

/** Users of one project: every statement filters on the project. */
export class UserStore {
  constructor(
    private readonly db: Database,
    private readonly projectId: string,
    private readonly summarizer: Summarizer,
  ) {}

  /** Stores the user and their graph node together; "exists" when the userId is taken. */
  async add(user: UserToCreate): Promise<UserRecord | "exists"> {
    const { node, metadata, ...fields } = user;
    try {
      const rows = await this.db.write("user.create", {
        projectId: this.projectId,
        uuid: randomUUID(),
        ...fields,
        metadataKeys: metadata?.keys ?? null,
        metadataValues: metadata?.values ?? null,
        node: { ...node, uuid: randomUUID(), attributes: JSON.stringify(node.attributes) },
      });
      return toUserRecord(firstRow(rows).row("user"));
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
   * Forgets a user. The first transaction hides the user from every read (a tombstone); the user's world
   * then goes in bounded batches, each its own transaction, so a user of any size deletes in bounded
   * memory; the last transaction drops the tombstone. Interrupted, a repeated call (or the start-up
   * clean-up) resumes from the tombstone. Returns null for an unknown user.
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

  /** Finishes deletions that an interrupted deleteUser left behind; returns how many it finished. */
  async finishInterruptedDeletions(): Promise<number> {
    const rows = await this.db.read("deleted-user.list-unfinished", { projectId: this.projectId });
    for (const row of rows) await this.delete(row.string("userId"));
    return rows.length;
  }

  async page(request: PageRequest<InstantIdKey>): Promise<PageRows<UserRecord>> {
    const forward = request.direction === "forward";
    const rows = await this.db.read(forward ? "user.page-forward" : "user.page-backward", {
      projectId: this.projectId,
      limit: request.size + 1,
      [forward ? "afterCreatedAt" : "beforeCreatedAt"]: request.cursor?.createdAt ?? null,
      [forward ? "afterUserId" : "beforeUserId"]: request.cursor?.id ?? null,
    });
    return toPageRows(firstRow(rows), "users", forward, toUserRecord);
  }

  async listOrdered(options: {
    skip: number;
    limit: number;
    search: string | null;
    orderBy: UserOrder;
    asc: boolean;
  }): Promise<{ users: UserRecord[]; totalCount: number }> {
    const rows = await this.db.read("user.list-ordered", {
      projectId: this.projectId,
      search: options.search === null ? null : options.search.toLowerCase(),
      orderBy: options.orderBy,
      asc: options.asc,
      skip: options.skip,
      limit: options.limit,
    });
    const row = firstRow(rows);
    return { users: row.rows("users").map(toUserRecord), totalCount: row.number("totalCount") };
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
