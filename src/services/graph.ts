import { mayActAs, requireVisible } from "../auth/access";
import type { Context } from "../context";
import type { ConnectionArgs, CountedConnection, EntityNodeRecord, EpisodeRecord, FactRecord, InstantIdKey, PageRequest, UserRecord } from "../model";
import { badUserInput, noFact, noNode, noUser, notFound } from "../errors";
import { boundedInt } from "../domain/bounds";
import { instantIdKeyOf, parseInstantIdKey, uuidCursor } from "../domain/cursors";
import { validateData } from "../domain/graph/dataInput";
import { validateFactTriple } from "../domain/graph/factInput";
import { CONNECTION_PAGE_LIMITS, DEFAULT_LIST_SIZE, parsePageRequest, toConnection } from "../domain/pagination";
import { normalizeUserId } from "../domain/userInput";
import type { Loaders } from "../loaders";
import { loadConnection, readAllPages } from "./connections";
import { type SearchResults, type SearchScope, searchGraph } from "./graphSearch";
import { requireUser } from "./users";

// Users' knowledge graphs, once, for the GraphQL resolvers and the Zep-compatible REST routes alike.

export const MAX_EPISODES = 100;

export type FactTripleInput = Parameters<typeof validateFactTriple>[0];
export type DataInput = Parameters<typeof validateData>[0];

export async function addFactTriple({ graph, loaders, caller }: Context, userId: string, input: FactTripleInput): Promise<FactRecord> {
  const id = normalizeUserId(userId);
  const triple = validateFactTriple(input);
  if (!mayActAs(caller, id)) throw noUser(id);
  const fact = await graph.addFactTriple(id, triple);
  if (fact === "missing-user") throw noUser(id);
  if (fact === "missing-thread") {
    throw notFound((name) => `user "${id}" has no thread with ${name("threadId")} "${triple.threadId ?? ""}"`);
  }
  loaders.factByUuid.prime(fact.uuid, fact);
  return fact;
}

export async function addData(ctx: Context, userId: string, input: DataInput): Promise<EpisodeRecord & { mentioned: string[] }> {
  const id = normalizeUserId(userId);
  const data = validateData(input);
  const user = await requireUser(ctx, id);
  const episode = await ctx.graph.addData(user, data);
  if (episode === "missing") throw noUser(id);
  return episode;
}

export async function invalidateFact({ graph, loaders, caller }: Context, uuid: string, invalidAt: Date | null): Promise<FactRecord> {
  await requireVisible(caller, () => loaders.factByUuid.load(uuid), () => noFact(uuid));
  const fact = await graph.invalidateFact(uuid, invalidAt);
  if (fact === "missing") throw noFact(uuid);
  if (fact === "before-valid-at") throw badUserInput((name) => `${name("invalidAt")} is before the fact's ${name("validAt")}`, "invalidAt");
  loaders.factByUuid.clear(uuid).prime(uuid, fact);
  return fact;
}

export async function deleteFact({ graph, loaders, caller }: Context, uuid: string): Promise<{ uuid: string; message: string }> {
  await requireVisible(caller, () => loaders.factByUuid.load(uuid), () => noFact(uuid));
  if (!(await graph.deleteFact(uuid))) throw noFact(uuid);
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
    limit: options.limit ?? DEFAULT_LIST_SIZE,
    centerNodeUuid: options.centerNodeUuid ?? null,
  });
}

export async function requireNode({ loaders }: Context, uuid: string): Promise<EntityNodeRecord> {
  const node = await loaders.entityByUuid.load(uuid);
  if (node === null) throw noNode(uuid);
  return node;
}

export async function requireFact({ loaders }: Context, uuid: string): Promise<FactRecord> {
  const fact = await loaders.factByUuid.load(uuid);
  if (fact === null) throw noFact(uuid);
  return fact;
}

/** The user's most recent episodes, newest first (User.episodes, Zep's episodes lastn). */
export async function latestEpisodes(loaders: Loaders, userUuid: string, last: number | null | undefined): Promise<EpisodeRecord[]> {
  const limit = boundedInt(last ?? DEFAULT_LIST_SIZE, "last", 1, MAX_EPISODES);
  return (await loaders.latestEpisodesByUser.load({ parentUuid: userUuid, request: { limit } })).rows;
}

export async function userEpisodes(ctx: Context, userId: string, last: number | null | undefined): Promise<EpisodeRecord[]> {
  const user = await requireUser(ctx, userId);
  return latestEpisodes(ctx.loaders, user.uuid, last);
}

/** Every fact whose source or target is the node, newest first, invalid ones included (Zep's node edges). */
export async function allNodeFacts(ctx: Context, uuid: string): Promise<FactRecord[]> {
  const node = await requireNode(ctx, uuid);
  const { loaders } = ctx;
  return readAllPages(loaders.factPageByNode, node.uuid, (fact) => instantIdKeyOf(fact.createdAt, fact.uuid), { includeInvalid: true }, (fact) =>
    loaders.factByUuid.prime(fact.uuid, fact),
  );
}

/** EntityNode.facts: a page of the node's facts, newest first; invalid ones only when asked. */
export function nodeFacts(
  { loaders }: Context,
  node: EntityNodeRecord,
  args: Pick<ConnectionArgs, "first" | "after"> & { includeInvalid?: boolean | null },
): Promise<CountedConnection<FactRecord>> {
  const request = { ...parsePageRequest({ first: args.first, after: args.after }, CONNECTION_PAGE_LIMITS, parseInstantIdKey), includeInvalid: args.includeInvalid ?? false };
  return loadConnection(loaders.factPageByNode, node.uuid, request, uuidCursor, (fact) => loaders.factByUuid.prime(fact.uuid, fact));
}

/** User.graphNodes: a page of the nodes of the user's graph, newest first. */
export function graphNodes({ loaders }: Context, user: UserRecord, args: Pick<ConnectionArgs, "first" | "after">): Promise<CountedConnection<EntityNodeRecord>> {
  const request = parsePageRequest({ first: args.first, after: args.after }, CONNECTION_PAGE_LIMITS, parseInstantIdKey);
  return loadConnection(loaders.graphNodePageByUser, user.uuid, request, uuidCursor, (node) => loaders.entityByUuid.prime(node.uuid, node));
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
  const page = await ctx.loaders.graphNodePageByUser.pages.load({ parentUuid: user.uuid, request });
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
): Promise<PageRequest<InstantIdKey>> {
  if (options.cursor != null && options.uuidCursor != null) {
    throw badUserInput((name) => `give ${name("cursor")} or ${name("uuidCursor")}, not both`, "cursor");
  }
  const request = parsePageRequest({ first: options.limit, after: options.cursor }, CONNECTION_PAGE_LIMITS, parseInstantIdKey);
  if (options.uuidCursor == null) return request;
  const uuidCursor = options.uuidCursor;
  const anchor = await find(uuidCursor);
  if (anchor === null) throw badUserInput((name) => `${name("uuidCursor")} "${uuidCursor}" names nothing in this project`, "uuidCursor");
  return { ...request, cursor: instantIdKeyOf(anchor.createdAt, anchor.uuid) };
}

function toGraphPage<T extends { createdAt: Date; uuid: string }>(
  request: PageRequest<InstantIdKey>,
  rows: readonly T[],
  hasBeyondCursor: boolean,
): GraphPage<T> {
  const connection = toConnection(request, rows, hasBeyondCursor, uuidCursor);
  return {
    items: connection.edges.map((edge) => edge.node),
    nextCursor: connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null,
  };
}
