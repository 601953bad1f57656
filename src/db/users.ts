import { randomUUID } from "node:crypto";
import { notFound, userAlreadyExists } from "../errors";
import { assertMetadataSize, flattenMetadata, planMetadataPatch } from "../domain/metadata";
import type { PageRequest } from "../domain/pagination";
import type { NewUser, UserChanges } from "../domain/userInput";
import { describeUserNode } from "../domain/userNode";
import type { Summarizer } from "../domain/graph/summarizer";
import { type Database, type Row, isConstraintViolation } from "./database";
import { refreshSummaries } from "./summaries";
import type { DeletedUserCounts, EntityNodeRecord, UserRecord } from "./records";
import { toEntityNodeRecord, toUserRecord } from "./userRows";

export interface UserCursorKey {
  createdAt: string;
  userId: string;
}

export interface UserPage {
  rows: UserRecord[];
  hasBeyondCursor: boolean;
  totalCount: number;
}

export type UserOrder = "CREATED_AT" | "USER_ID" | "EMAIL";

/** How many graph nodes one deletion transaction removes: small enough to bound memory and lock time. */
export const DELETE_BATCH_SIZE = 1000;

/** Users of one project: every statement filters on the project. */
export class UserStore {
  constructor(
    private readonly db: Database,
    private readonly projectId: string,
    private readonly summarizer: Summarizer,
  ) {}

  async add(user: NewUser): Promise<UserRecord> {
    const uuid = randomUUID();
    const flat = user.metadata === null ? null : flattenMetadata(user.metadata);
    const description = describeUserNode(user);
    try {
      const rows = await this.db.write("user.create", {
        projectId: this.projectId,
        userId: user.userId,
        uuid,
        email: user.email,
        firstName: user.firstName,
        lastName: user.lastName,
        metadataKeys: flat?.keys ?? null,
        metadataValues: flat?.values ?? null,
        node: {
          uuid: randomUUID(),
          name: description.name,
          summary: (await this.summarizer.summarize([{ name: description.name, user, description: null, facts: [] }]))[0],
          attributes: JSON.stringify(description.attributes),
          resolveKeys: description.resolveKeys,
          matchKeys: description.matchKeys,
        },
      });
      return toUserRecord(rows[0]?.user as Row);
    } catch (error) {
      if (isConstraintViolation(error)) throw userAlreadyExists(user.userId);
      throw error;
    }
  }

  async getByIds(userIds: readonly string[]): Promise<(UserRecord | null)[]> {
    const rows = await this.db.read("user.get-by-ids", { projectId: this.projectId, userIds });
    return rows.map((row) => (row.user ? toUserRecord(row.user as Row) : null));
  }

  async getNodesByUserUuids(userUuids: readonly string[]): Promise<(EntityNodeRecord | null)[]> {
    const rows = await this.db.read("user-node.get-by-user-uuids", { projectId: this.projectId, userUuids });
    return rows.map((row) => (row.node ? toEntityNodeRecord(row.node as Row) : null));
  }

  /** Applies the changes and refreshes the user node in one transaction; the user's lock is held throughout. */
  update(userId: string, changes: UserChanges): Promise<UserRecord> {
    const fields: Record<string, string | null> = {};
    for (const key of ["email", "firstName", "lastName"] as const) {
      if (changes[key] !== undefined) fields[key] = changes[key] ?? null;
    }
    const metadata = planMetadataPatch(changes.metadata);
    return this.db.writeTransaction(async (tx) => {
      const rows = await tx.run("user.update", {
        projectId: this.projectId,
        userId,
        fields,
        metadataMode: metadata.mode,
        metadataRemovedPaths: metadata.removedPaths,
        metadataRemovedPrefixes: metadata.removedPrefixes,
        metadataSet: metadata.set,
        metadataSetOrder: metadata.setOrder,
      });
      if (rows.length === 0) throw notFound(`no user with userId "${userId}"`);
      const user = toUserRecord(rows[0]?.user as Row);
      // Throwing here rolls the whole update back.
      assertMetadataSize(user.metadata, "metadata (after the merge)");
      const description = describeUserNode(user);
      const described = await tx.run("user-node.describe", {
        projectId: this.projectId,
        userUuid: user.uuid,
        name: description.name,
        attributes: JSON.stringify(description.attributes),
        resolveKeys: description.resolveKeys,
        matchKeys: description.matchKeys,
      });
      await refreshSummaries(tx, this.projectId, this.summarizer, described.map((row) => row.nodeUuid as string));
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
      const finished = await this.finishDeletion(row.groupId as string);
      counts = finished ?? counts;
    }
    return counts;
  }

  /** Finishes deletions that an interrupted deleteUser left behind; returns how many it finished. */
  async finishInterruptedDeletions(): Promise<number> {
    const rows = await this.db.read("deleted-user.list-unfinished", { projectId: this.projectId });
    for (const row of rows) await this.delete(row.userId as string);
    return rows.length;
  }

  async page(request: PageRequest<UserCursorKey>): Promise<UserPage> {
    const forward = request.direction === "forward";
    const rows = await this.db.read(forward ? "user.page-forward" : "user.page-backward", {
      projectId: this.projectId,
      limit: request.size + 1,
      [forward ? "afterCreatedAt" : "beforeCreatedAt"]: request.cursor?.createdAt ?? null,
      [forward ? "afterUserId" : "beforeUserId"]: request.cursor?.userId ?? null,
    });
    const row = rows[0] as Row;
    return {
      rows: (row.users as Row[]).map(toUserRecord),
      hasBeyondCursor: (forward ? row.hasPrevious : row.hasNext) as boolean,
      totalCount: row.totalCount as number,
    };
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
    const row = rows[0] as Row;
    return { users: (row.users as Row[]).map(toUserRecord), totalCount: row.totalCount as number };
  }

  private async finishDeletion(groupId: string): Promise<DeletedUserCounts | null> {
    // Messages before threads before graph nodes: each batch statement finds its nodes by the user's
    // world, so the order only keeps every batch small (no thread drags its messages along).
    for (const batch of WORLD_DELETION_BATCHES) {
      for (;;) {
        const rows = await this.db.write(batch, { projectId: this.projectId, groupId, batchSize: DELETE_BATCH_SIZE });
        if (((rows[0]?.deleted as number | undefined) ?? 0) === 0) break;
      }
    }
    const rows = await this.db.write("user.purge-tombstone", { projectId: this.projectId, groupId });
    return (rows[0]?.counts as DeletedUserCounts | undefined) ?? null;
  }
}

const WORLD_DELETION_BATCHES = [
  "world.delete-messages-batch",
  "world.delete-threads-batch",
  "world.delete-episodes-batch",
  "world.delete-entities-batch",
] as const;
