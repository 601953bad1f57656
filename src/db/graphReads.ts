import type { ContextFact, ContextInputs, EntityNodeRecord, EpisodeRecord, FactRecord, InstantIdKey, Page, PageRequest } from "../model";
import type { Database, Params } from "./database";
import { type Row, mapOptional, toPage } from "./row";
import type { StatementName } from "./statements";
import { toContextFact, toEntityNodeRecord, toEpisodeRecord, toFactRecord } from "./toRecords";

/**
 * How a vector query reads a user's graph: the user's `exactMax` newest items, and when there are more, the
 * global index's `k` nearest that are the user's; each scored by its exact cosine, those that reach
 * `minScore`, at most `limit`.
 */
export interface SimilarOptions {
  k: number;
  /** On the index's scale, (1 + cosine) / 2. */
  minScore: number;
  limit: number;
  exactMax: number;
}

/** Batched reads of users' knowledge graphs: one statement per batch, one row per key, in key order. */
export class GraphReads {
  constructor(
    private readonly db: Database,
    private readonly projectId: string,
  ) {}

  async entitiesByUuids(uuids: readonly string[]): Promise<(EntityNodeRecord | null)[]> {
    const rows = await this.db.read("entity.get-by-uuids", { projectId: this.projectId, uuids });
    return rows.map((row) => mapOptional(row.optionalRow("node"), toEntityNodeRecord));
  }

  async factsByUuids(uuids: readonly string[]): Promise<(FactRecord | null)[]> {
    const rows = await this.db.read("fact.get-by-uuids", { projectId: this.projectId, uuids });
    return rows.map((row) => mapOptional(row.optionalRow("fact"), toFactRecord));
  }

  factPagesByNodes(
    nodeUuids: readonly string[],
    request: PageRequest<InstantIdKey> & { includeInvalid: boolean },
  ): Promise<Page<FactRecord>[]> {
    const statements = { first: "fact.page-by-nodes", after: "fact.page-by-nodes-after" } as const;
    return this.newestFirstPages(statements, { nodeUuids, includeInvalid: request.includeInvalid }, request, "facts", toFactRecord);
  }

  /** Each node's facts, all of them or only the valid ones (EntityNode.facts' totalCount). */
  async factCountsByNodes(nodeUuids: readonly string[], includeInvalid: boolean): Promise<number[]> {
    const rows = await this.db.read("fact.count-by-nodes", { projectId: this.projectId, nodeUuids, includeInvalid });
    return rows.map((row) => row.number("count"));
  }

  entityPagesByUsers(userUuids: readonly string[], request: PageRequest<InstantIdKey>): Promise<Page<EntityNodeRecord>[]> {
    const statements = { first: "entity.page-by-users", after: "entity.page-by-users-after" } as const;
    return this.newestFirstPages(statements, { userUuids }, request, "nodes", toEntityNodeRecord);
  }

  /** The number of nodes of each user's graph (User.graphNodes' totalCount). */
  async entityCountsByUsers(userUuids: readonly string[]): Promise<number[]> {
    const rows = await this.db.read("entity.count-by-users", { projectId: this.projectId, userUuids });
    return rows.map((row) => row.number("count"));
  }

  /** Every fact of each user's graph, invalid ones included, newest first (Zep's edge list by user). */
  factPagesByUsers(userUuids: readonly string[], request: PageRequest<InstantIdKey>): Promise<Page<FactRecord>[]> {
    const statements = { first: "fact.page-by-users", after: "fact.page-by-users-after" } as const;
    return this.newestFirstPages(statements, { userUuids }, request, "facts", toFactRecord);
  }

  async mentionsByEpisodes(episodeUuids: readonly string[]): Promise<EntityNodeRecord[][]> {
    const rows = await this.db.read("episode.mentions-by-uuids", { projectId: this.projectId, uuids: episodeUuids });
    return rows.map((row) => row.rows("nodes").map(toEntityNodeRecord));
  }

  async latestEpisodesByUsers(userUuids: readonly string[], limit: number): Promise<EpisodeRecord[][]> {
    const rows = await this.db.read("episode.latest-by-users", { projectId: this.projectId, userUuids, limit });
    return rows.map((row) => row.rows("episodes").map(toEpisodeRecord));
  }

  async searchFacts(groupId: string, query: string, limit: number): Promise<FactRecord[]> {
    const rows = await this.db.read("search.facts", { projectId: this.projectId, groupId, query, limit });
    return rows.map((row) => toFactRecord(row.row("fact")));
  }

  async searchNodes(groupId: string, query: string, limit: number): Promise<(EntityNodeRecord & { score: number })[]> {
    const rows = await this.db.read("search.nodes", { projectId: this.projectId, groupId, query, limit });
    return rows.map((row) => {
      const node = row.row("node");
      return { ...toEntityNodeRecord(node), score: node.number("score") };
    });
  }

  async searchEpisodes(groupId: string, query: string, limit: number): Promise<(EpisodeRecord & { score: number; mentioned: string[] })[]> {
    const rows = await this.db.read("search.episodes", { projectId: this.projectId, groupId, query, limit });
    return rows.map((row) => {
      const episode = row.row("episode");
      return { ...toEpisodeRecord(episode), score: episode.number("score"), mentioned: episode.strings("mentioned") };
    });
  }

  /** The user's facts nearest to `vector` (see SimilarOptions), best first. */
  async similarFacts(groupId: string, vector: readonly number[], options: SimilarOptions): Promise<FactRecord[]> {
    const rows = await this.db.read("search.similar-facts", { projectId: this.projectId, groupId, vector, ...options });
    return rows.map((row) => toFactRecord(row.row("fact")));
  }

  async similarNodes(groupId: string, vector: readonly number[], options: SimilarOptions): Promise<(EntityNodeRecord & { score: number })[]> {
    const rows = await this.db.read("search.similar-nodes", { projectId: this.projectId, groupId, vector, ...options });
    return rows.map((row) => {
      const node = row.row("node");
      return { ...toEntityNodeRecord(node), score: node.number("score") };
    });
  }

  async similarEpisodes(groupId: string, vector: readonly number[], options: SimilarOptions): Promise<(EpisodeRecord & { score: number; mentioned: string[] })[]> {
    const rows = await this.db.read("search.similar-episodes", { projectId: this.projectId, groupId, vector, ...options });
    return rows.map((row) => {
      const episode = row.row("episode");
      return { ...toEpisodeRecord(episode), score: episode.number("score"), mentioned: episode.strings("mentioned") };
    });
  }

  /** Hops from the center to each node; null when the center is not a node of this user's graph. */
  async distances(groupId: string, centerUuid: string, uuids: readonly string[]): Promise<Map<string, number | null> | null> {
    const rows = await this.db.read("search.distances", { projectId: this.projectId, groupId, centerUuid, uuids: [...new Set(uuids)] });
    const row = rows[0];
    if (!row?.flag("centerFound")) return null;
    return new Map(row.rows("distances").map((entry) => [entry.string("uuid"), entry.optionalNumber("distance")]));
  }

  async contextInputsByThreads(threadUuids: readonly string[]): Promise<(ContextInputs | null)[]> {
    const rows = await this.db.read("context.thread-inputs", { projectId: this.projectId, threadUuids });
    return rows.map((row) => {
      const groupId = row.optionalString("groupId");
      return groupId === null ? null : { groupId, userSummary: row.optionalString("userSummary") ?? "", recent: row.strings("recent") };
    });
  }

  async contextFacts(
    requests: readonly { groupId: string; query: string | null; limit: number }[],
  ): Promise<{ relevant: ContextFact[]; newest: ContextFact[] }[]> {
    const newestLimit = Math.max(0, ...requests.map((request) => request.limit));
    const rows = await this.db.read("context.facts", { projectId: this.projectId, requests, newestLimit });
    return rows.map((row) => ({ relevant: row.rows("relevant").map(toContextFact), newest: row.rows("newest").map(toContextFact) }));
  }

  // The forward-only, newest-first pages keyed by (createdAt, uuid): one row per parent, in parent order,
  // read with one extra item per parent (see toConnection). A page from a cursor has a statement of its
  // own: a cursor-or-not condition in one statement keeps the planner from reading the index in order.
  private async newestFirstPages<T>(
    statements: { first: StatementName; after: StatementName },
    params: Params,
    request: PageRequest<InstantIdKey>,
    listColumn: string,
    toRecord: (row: Row) => T,
  ): Promise<Page<T>[]> {
    const { cursor } = request;
    const pageParams = { projectId: this.projectId, ...params, limit: request.size + 1 };
    const rows =
      cursor === null
        ? await this.db.read(statements.first, pageParams)
        : await this.db.read(statements.after, { ...pageParams, afterCreatedAt: cursor.createdAt, afterUuid: cursor.id });
    return rows.map((row) => toPage(row, listColumn, true, toRecord));
  }
}
