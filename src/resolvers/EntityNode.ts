import type { EntityNodeResolvers } from "../__generated__/resolvers-types";
import { parseTimeUuidCursorKey, timeUuidCursor } from "../domain/graph/cursors";
import { CONNECTION_PAGE_LIMITS, parsePageRequest, toConnection } from "../domain/pagination";

export const EntityNode: EntityNodeResolvers = {
  facts: async (node, { first, after, includeInvalid }, { loaders }) => {
    const page = parsePageRequest({ first, after }, CONNECTION_PAGE_LIMITS, parseTimeUuidCursorKey);
    const request = { ...page, includeInvalid: includeInvalid ?? false };
    const rows = await loaders.factPageByNode.load({ parentUuid: node.uuid, request });
    for (const fact of rows.rows) loaders.factByUuid.prime(fact.uuid, fact);
    return { ...toConnection(page, rows.rows, rows.hasBeyondCursor, timeUuidCursor), totalCount: rows.totalCount };
  },
};
