import type { PageRequest } from "../domain/pagination";
import type { Database, Params, Row } from "./database";
import { toEpisodeRecord, toFactRecord } from "./graphRows";
import type { EntityNodeRecord, EpisodeRecord, FactRecord, PageRows } from "./records";
import { toEntityNodeRecord } from "./userRows";

export interface TimeUuidCursorKey {
  createdAt: string;
  uuid: string;
}

export interface ContextInputs {
  groupId: string;
  userSummary: string;
  recent: string[];
}

export interface ContextEntityRow {
  uuid: string;
  name: string;
  labels: string[];
  summary: string;
}

export type ContextFactRow = FactRecord & { source: ContextEntityRow; target: ContextEntityRow };

/** Batched reads of users' knowledge graphs: one statement per batch, one row per key, in key order. */
export class GraphReads {
  constructor(
    private readonly db: Database,
    private readonly projectId: string,
  ) {}

  async entitiesByUuids(uuids: readonly string[]): Promise<(EntityNodeRecord | null)[]> {
    const rows = await this.db.read("entity.get-by-uuids", { projectId: this.projectId, uuids });
    return rows.map((row) => (row.node ? toEntityNodeRecord(row.node as Row) : null));
  }

  async factsByUuids(uuids: readonly string[]): Promise<(FactRecord | null)[]> {
    const rows = await this.db.read("fact.get-by-uuids", { projectId: this.projectId, uuids });
    return rows.map((row) => (row.fact ? toFactRecord(row.fact as Row) : null));
  }

  factPagesByNodes(
    nodeUuids: readonly string[],
    request: PageRequest<TimeUuidCursorKey> & { includeInvalid: boolean },
  ): Promise<PageRows<FactRecord>[]> {
    return this.timeUuidPages("fact.page-by-nodes", { nodeUuids, includeInvalid: request.includeInvalid }, request, "facts", toFactRecord);
  }

  entityPagesByUsers(userUuids: readonly string[], request: PageRequest<TimeUuidCursorKey>): Promise<PageRows<EntityNodeRecord>[]> {
    return this.timeUuidPages("entity.page-by-users", { userUuids }, request, "nodes", toEntityNodeRecord);
  }

  /** Every fact of each user's graph, invalid ones included, newest first (Zep's edge list by user). */
  factPagesByUsers(userUuids: readonly string[], request: PageRequest<TimeUuidCursorKey>): Promise<PageRows<FactRecord>[]> {
    return this.timeUuidPages("fact.page-by-users", { userUuids }, request, "facts", toFactRecord);
  }

  async mentionsByEpisodes(episodeUuids: readonly string[]): Promise<EntityNodeRecord[][]> {
    const rows = await this.db.read("episode.mentions-by-uuids", { projectId: this.projectId, uuids: episodeUuids });
    return rows.map((row) => (row.nodes as Row[]).map(toEntityNodeRecord));
  }

  async latestEpisodesByUsers(userUuids: readonly string[], limit: number): Promise<EpisodeRecord[][]> {
    const rows = await this.db.read("episode.latest-by-users", { projectId: this.projectId, userUuids, limit });
    return rows.map((row) => (row.episodes as Row[]).map(toEpisodeRecord));
  }

  async searchFacts(groupId: string, query: string, limit: number): Promise<FactRecord[]> {
    const rows = await this.db.read("search.facts", { projectId: this.projectId, groupId, query, limit });
    return rows.map((row) => toFactRecord(row.fact as Row));
  }

  async searchNodes(groupId: string, query: string, limit: number): Promise<(EntityNodeRecord & { score: number })[]> {
    const rows = await this.db.read("search.nodes", { projectId: this.projectId, groupId, query, limit });
    return rows.map((row) => ({ ...toEntityNodeRecord(row.node as Row), score: (row.node as Row).score as number }));
  }

  async searchEpisodes(groupId: string, query: string, limit: number): Promise<(EpisodeRecord & { score: number; mentioned: string[] })[]> {
    const rows = await this.db.read("search.episodes", { projectId: this.projectId, groupId, query, limit });
    return rows.map((row) => {
      const episode = row.episode as Row;
      return { ...toEpisodeRecord(episode), score: episode.score as number, mentioned: episode.mentioned as string[] };
    });
  }

  /** Hops from the center to each node; null when the center is not a node of this user's graph. */
  async distances(groupId: string, centerUuid: string, uuids: readonly string[]): Promise<Map<string, number | null> | null> {
    const rows = await this.db.read("search.distances", { projectId: this.projectId, groupId, centerUuid, uuids: [...new Set(uuids)] });
    const row = rows[0] as Row;
    if (row.centerFound !== true) return null;
    return new Map((row.distances as { uuid: string; distance: number | null }[]).map((entry) => [entry.uuid, entry.distance]));
  }

  async contextInputsByThreads(threadUuids: readonly string[]): Promise<(ContextInputs | null)[]> {
    const rows = await this.db.read("context.thread-inputs", { projectId: this.projectId, threadUuids });
    return rows.map((row) =>
      row.groupId
        ? { groupId: row.groupId as string, userSummary: (row.userSummary as string | null) ?? "", recent: row.recent as string[] }
        : null,
    );
  }

  async contextFacts(
    requests: readonly { groupId: string; query: string | null; limit: number }[],
  ): Promise<{ relevant: ContextFactRow[]; newest: ContextFactRow[] }[]> {
    const rows = await this.db.read("context.facts", { projectId: this.projectId, requests });
    const toContextFact = (row: Row): ContextFactRow => ({
      ...toFactRecord({ ...row, sourceNodeUuid: (row.source as Row).uuid, targetNodeUuid: (row.target as Row).uuid }),
      source: row.source as ContextEntityRow,
      target: row.target as ContextEntityRow,
    });
    return rows.map((row) => ({
      relevant: (row.relevant as Row[]).map(toContextFact),
      newest: (row.newest as Row[]).map(toContextFact),
    }));
  }

  // The forward-only, newest-first pages keyed by (createdAt, uuid): one row per parent, in parent order,
  // read with one extra item per parent (see toConnection).
  private async timeUuidPages<T>(
    queryName: string,
    params: Params,
    request: PageRequest<TimeUuidCursorKey>,
    listKey: string,
    toRecord: (row: Row) => T,
  ): Promise<PageRows<T>[]> {
    const rows = await this.db.read(queryName, {
      projectId: this.projectId,
      ...params,
      limit: request.size + 1,
      afterCreatedAt: request.cursor?.createdAt ?? null,
      afterUuid: request.cursor?.uuid ?? null,
    });
    return rows.map((row) => ({
      rows: (row[listKey] as Row[]).map(toRecord),
      hasBeyondCursor: row.hasPrevious as boolean,
      totalCount: row.totalCount as number,
    }));
  }
}
