import type { Context } from "../context";
import type { TimeUuidCursorKey } from "../db/graphReads";
import type { EntityNodeRecord, EpisodeRecord, FactRecord } from "../db/records";
import { badUserInput, notFound } from "../errors";
import { parseTimeUuidCursorKey, timeUuidCursor } from "../domain/graph/cursors";
import { validateData } from "../domain/graph/dataInput";
import { validateFactTriple } from "../domain/graph/factInput";
import { CONNECTION_PAGE_LIMITS, type PageRequest, parsePageRequest, toConnection } from "../domain/pagination";
import { normalizeUserId } from "../domain/userInput";
import type { Loaders } from "../loaders";
import { type SearchResults, type SearchScope, searchGraph } from "./graphSearch";
import { requireUser } from "./users";

// Users' knowledge graphs, once, for the GraphQL resolvers and the Zep-compatible REST routes alike.

export const MAX_EPISODES = 100;

export type FactTripleInput = Parameters<typeof validateFactTriple>[0];
export type DataInput = Parameters<typeof validateData>[0];

export async function addFactTriple({ graph, loaders }: Context, userId: string, input: FactTripleInput): Promise<FactRecord> {
  const fact = await graph.addFactTriple(normalizeUserId(userId), validateFactTriple(input));
  loaders.factByUuid.prime(fact.uuid, fact);
  return fact;
}

export async function addData(ctx: Context, userId: string, input: DataInput): Promise<EpisodeRecord & { mentioned: string[] }> {
  const id = normalizeUserId(userId);
  const data = validateData(input);
  const user = await requireUser(ctx, id);
  return ctx.graph.addData(user, data);
}

export async function invalidateFact({ graph, loaders }: Context, uuid: string, invalidAt: Date | null): Promise<FactRecord> {
  const fact = await graph.invalidateFact(uuid, invalidAt);
  loaders.factByUuid.clear(uuid).prime(uuid, fact);
  return fact;
}

export async function deleteFact({ graph, loaders }: Context, uuid: string): Promise<{ uuid: string; message: string }> {
  if (!(await graph.deleteFact(uuid))) throw notFound(`no fact with uuid "${uuid}"`);
  loaders.factByUuid.clear(uuid);
  return { uuid, message: `fact "${uuid}" was deleted` };
}

export async function searchUserGraph(
  ctx: Context,
  userId: string,
  options: { query: string; scope?: SearchScope | null; limit?: number | null; centerNodeUuid?: string | null },
): Promise<SearchResults> {
  const user = await requireUser(ctx, userId);
  return searchGraph(ctx.graphReads, user.uuid, {
    query: options.query,
    scope: options.scope ?? "EDGES",
    limit: options.limit ?? 10,
    centerNodeUuid: options.centerNodeUuid ?? null,
  });
}

export async function requireNode({ loaders }: Context, uuid: string): Promise<EntityNodeRecord> {
  const node = await loaders.entityByUuid.load(uuid);
  if (node === null) throw notFound(`no node with uuid "${uuid}"`);
  return node;
}

export async function requireFact({ loaders }: Context, uuid: string): Promise<FactRecord> {
  const fact = await loaders.factByUuid.load(uuid);
  if (fact === null) throw notFound(`no fact with uuid "${uuid}"`);
  return fact;
}

/** The user's most recent episodes, newest first (User.episodes, Zep's episodes lastn). */
export async function latestEpisodes(loaders: Loaders, userUuid: string, last: number): Promise<EpisodeRecord[]> {
  if (!Number.isInteger(last) || last < 1 || last > MAX_EPISODES) {
    throw badUserInput(`last must be between 1 and ${MAX_EPISODES}; got ${last}`, "last");
  }
  return (await loaders.latestEpisodesByUser.load({ parentUuid: userUuid, request: { limit: last } })).rows;
}

export async function userEpisodes(ctx: Context, userId: string, last: number): Promise<EpisodeRecord[]> {
  const user = await requireUser(ctx, userId);
  return latestEpisodes(ctx.loaders, user.uuid, last);
}

/**
 * Every fact whose source or target is the node, newest first, invalid ones included (Zep's node edges):
 * read a connection page at a time, one statement per 100 facts. NOT_FOUND for an unknown node.
 */
export async function allNodeFacts(ctx: Context, uuid: string): Promise<FactRecord[]> {
  const node = await requireNode(ctx, uuid);
  const facts: FactRecord[] = [];
  let cursor: TimeUuidCursorKey | null = null;
  for (;;) {
    const request = { direction: "forward" as const, size: CONNECTION_PAGE_LIMITS.maxSize, cursor, includeInvalid: true };
    const page = await ctx.loaders.factPageByNode.load({ parentUuid: node.uuid, request });
    const rows = page.rows.slice(0, request.size);
    for (const fact of rows) ctx.loaders.factByUuid.prime(fact.uuid, fact);
    facts.push(...rows);
    const last = rows[rows.length - 1];
    if (page.rows.length <= request.size || last === undefined) return facts;
    cursor = { createdAt: last.createdAt.toISOString(), uuid: last.uuid };
  }
}

/** Where a page of a user's graph starts: an opaque cursor this service issued, or the uuid of the last item seen. */
export interface GraphPageOptions {
  limit?: number | null;
  cursor?: string | null;
  uuidCursor?: string | null;
}

export interface GraphPage<T> {
  items: T[];
  /** The cursor of the next page, or null on the last page. */
  nextCursor: string | null;
}

/** A page of the nodes of a user's graph, the user node included, newest first. */
export async function userGraphNodes(ctx: Context, userId: string, options: GraphPageOptions): Promise<GraphPage<EntityNodeRecord>> {
  const user = await requireUser(ctx, userId);
  const request = await graphPageRequest(options, (uuid) => ctx.loaders.entityByUuid.load(uuid));
  const page = await ctx.loaders.graphNodePageByUser.load({ parentUuid: user.uuid, request });
  for (const node of page.rows) ctx.loaders.entityByUuid.prime(node.uuid, node);
  return toGraphPage(request, page.rows, page.hasBeyondCursor);
}

/** A page of the facts of a user's graph, invalid ones included, newest first. */
export async function userFacts(ctx: Context, userId: string, options: GraphPageOptions): Promise<GraphPage<FactRecord>> {
  const user = await requireUser(ctx, userId);
  const request = await graphPageRequest(options, (uuid) => ctx.loaders.factByUuid.load(uuid));
  const page = await ctx.loaders.factPageByUser.load({ parentUuid: user.uuid, request });
  for (const fact of page.rows) ctx.loaders.factByUuid.prime(fact.uuid, fact);
  return toGraphPage(request, page.rows, page.hasBeyondCursor);
}

async function graphPageRequest(
  options: GraphPageOptions,
  find: (uuid: string) => Promise<{ createdAt: Date; uuid: string } | null>,
): Promise<PageRequest<TimeUuidCursorKey>> {
  if (options.cursor != null && options.uuidCursor != null) {
    throw badUserInput("give cursor or uuidCursor, not both", "cursor");
  }
  const request = parsePageRequest({ first: options.limit, after: options.cursor }, CONNECTION_PAGE_LIMITS, parseTimeUuidCursorKey);
  if (options.uuidCursor == null) return request;
  const anchor = await find(options.uuidCursor);
  if (anchor === null) throw badUserInput(`uuidCursor "${options.uuidCursor}" names nothing in this project`, "uuidCursor");
  return { ...request, cursor: { createdAt: anchor.createdAt.toISOString(), uuid: anchor.uuid } };
}

function toGraphPage<T extends { createdAt: Date; uuid: string }>(
  request: PageRequest<TimeUuidCursorKey>,
  rows: readonly T[],
  hasBeyondCursor: boolean,
): GraphPage<T> {
  const connection = toConnection(request, rows, hasBeyondCursor, timeUuidCursor);
  return {
    items: connection.edges.map((edge) => edge.node),
    nextCursor: connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null,
  };
}
