import type { QueryResolvers } from "../__generated__/resolvers-types";
import { badUserInput } from "../errors";
import { parsePageRequest, toConnection } from "../domain/pagination";
import { parseUserCursorKey, userCursor } from "../domain/userCursor";
import { normalizeUserId } from "../domain/userInput";

export const USERS_PAGE = { defaultSize: 20, maxSize: 100 } as const;
export const USERS_ORDERED_MAX_PAGE_SIZE = 1000;

export const Query: QueryResolvers = {
  user: (_parent, { userId }, { loaders }) => loaders.userById.load(normalizeUserId(userId)),

  users: async (_parent, args, { users, loaders }) => {
    const request = parsePageRequest(args, USERS_PAGE, parseUserCursorKey);
    const page = await users.page(request);
    for (const user of page.rows) loaders.userById.prime(user.userId, user);
    return { ...toConnection(request, page.rows, page.hasBeyondCursor, userCursor), totalCount: page.totalCount };
  },

  usersOrdered: async (_parent, { pageNumber, pageSize, search, orderBy, asc }, { users, loaders }) => {
    const number = pageNumber ?? 1;
    const size = pageSize ?? 10;
    if (!Number.isInteger(number) || number < 1) {
      throw badUserInput(`pageNumber must be 1 or more; got ${number}`, "pageNumber");
    }
    if (size < 1 || size > USERS_ORDERED_MAX_PAGE_SIZE) {
      throw badUserInput(`pageSize must be between 1 and ${USERS_ORDERED_MAX_PAGE_SIZE}; got ${size}`, "pageSize");
    }
    const trimmedSearch = search?.trim() ? search.trim() : null;
    const result = await users.listOrdered({
      skip: (number - 1) * size,
      limit: size,
      search: trimmedSearch,
      orderBy: orderBy ?? "CREATED_AT",
      asc: asc ?? false,
    });
    for (const user of result.users) loaders.userById.prime(user.userId, user);
    return { users: result.users, totalCount: result.totalCount, rowCount: result.users.length };
  },
};
