import { GraphQLError } from "graphql";
import { decodeCursor, encodeCursor, parseInstantIdKey as parseUserCursorKey, userCursor } from "../../src/domain/cursors";
import { CONNECTION_PAGE_LIMITS, NUMBERED_PAGE_MAX_SIZE, parseNumberedPage, parsePageRequest, toConnection } from "../../src/domain/pagination";
import type { ConnectionArgs, PageRequest } from "../../src/model";

const LIMITS = CONNECTION_PAGE_LIMITS;

const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64url");

/** Runs `work`, expects a GraphQLError, and returns it for closer checks. */
function graphQLErrorFrom(work: () => unknown): GraphQLError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error("expected a GraphQLError, nothing was thrown");
}

function expectBadUserInput(work: () => unknown, field: string): GraphQLError {
  const error = graphQLErrorFrom(work);
  expect(error.extensions.code).toBe("BAD_USER_INPUT");
  expect(error.extensions.field).toBe(field);
  expect(error.message).toContain(field);
  return error;
}

describe("user cursors", () => {
  it.each([
    ["a plain id", "user-1"],
    ["an id with quotes, commas and brackets", 'a"b,c]["'],
    ["a unicode id", "ユーザー😀"],
    ["an empty id", ""],
  ])("round-trip the createdAt and userId of %s", (_name, userId) => {
    const createdAt = new Date("2026-11-27T10:00:00.123Z");
    const cursor = userCursor({ createdAt, userId });
    expect(decodeCursor(cursor, parseUserCursorKey, "after")).toEqual({ createdAt: "2026-11-27T10:00:00.123Z", id: userId });
  });

  it("are URL-safe base64 without padding, and do not show the userId in clear", () => {
    const cursor = userCursor({ createdAt: new Date("2026-01-01T00:00:00.000Z"), userId: "visible-id?" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain("visible-id");
  });

  it("differ for users created at the same instant with different ids", () => {
    const createdAt = new Date("2026-01-01T00:00:00.000Z");
    expect(userCursor({ createdAt, userId: "a" })).not.toBe(userCursor({ createdAt, userId: "b" }));
  });

  it("encodeCursor round-trips any JSON array through decodeCursor", () => {
    const key = [1, "two", null, { three: [3] }];
    expect(decodeCursor(encodeCursor(key), (raw: unknown[]) => raw, "after")).toEqual(key);
  });

  describe("a malformed cursor is BAD_USER_INPUT naming the argument and showing the cursor", () => {
    const malformed: [string, string][] = [
      ["not base64 at all", "!!!not base64!!!"],
      ["the empty string", ""],
      ["base64 of text that is not JSON", b64("hello")],
      ["base64 of a JSON object", b64('{"createdAt":"2026-01-01T00:00:00.000Z","userId":"u"}')],
      ["base64 of a JSON string", b64('"2026-01-01T00:00:00.000Z"')],
      ["base64 of JSON null", b64("null")],
      ["an array of one", b64('["2026-01-01T00:00:00.000Z"]')],
      ["an array of three", b64('["2026-01-01T00:00:00.000Z","u","extra"]')],
      ["an empty array", b64("[]")],
      ["a numeric createdAt", b64('[1767225600000,"u"]')],
      ["a numeric userId", b64('["2026-01-01T00:00:00.000Z",7]')],
      ["a null userId", b64('["2026-01-01T00:00:00.000Z",null]')],
      ["a date without milliseconds", b64('["2026-01-01T00:00:00Z","u"]')],
      ["a date with an offset", b64('["2026-01-01T01:00:00.000+01:00","u"]')],
      ["a date only", b64('["2026-01-01","u"]')],
      ["an impossible date", b64('["2026-02-30T00:00:00.000Z","u"]')],
      ["text that is not a date", b64('["yesterday","u"]')],
    ];

    it.each(malformed)("%s (after)", (_name, cursor) => {
      const error = expectBadUserInput(() => decodeCursor(cursor, parseUserCursorKey, "after"), "after");
      expect(error.message).toContain(`"${cursor}"`);
    });

    it.each(malformed)("%s (before, through parsePageRequest)", (_name, cursor) => {
      expectBadUserInput(() => parsePageRequest({ last: 5, before: cursor }, LIMITS, parseUserCursorKey), "before");
    });
  });

  it("parseUserCursorKey accepts exactly [canonical ISO date, string]", () => {
    expect(parseUserCursorKey(["2026-01-01T00:00:00.000Z", "u"])).toEqual({ createdAt: "2026-01-01T00:00:00.000Z", id: "u" });
    expect(parseUserCursorKey(["2026-01-01T00:00:00.000Z"])).toBeNull();
    expect(parseUserCursorKey(["2026-01-01T00:00:00.000Z", "u", undefined])).toBeNull();
  });
});

describe("parsePageRequest", () => {
  it("uses the page sizes schema.graphql documents: 20 a page by default, at most 100", () => {
    expect(CONNECTION_PAGE_LIMITS).toEqual({ defaultSize: 20, maxSize: 100 });
  });

  it("pages forward by the default size when no argument is given", () => {
    expect(parsePageRequest({}, LIMITS, parseUserCursorKey)).toEqual({ direction: "forward", size: 20, cursor: null });
  });

  it("treats explicit nulls like absent arguments", () => {
    const args: ConnectionArgs = { first: null, after: null, last: null, before: null };
    expect(parsePageRequest(args, LIMITS, parseUserCursorKey)).toEqual({ direction: "forward", size: 20, cursor: null });
  });

  it("pages back by the default size when only before is given", () => {
    const before = userCursor({ createdAt: new Date("2026-01-01T00:00:00.000Z"), userId: "u" });
    expect(parsePageRequest({ before }, LIMITS, parseUserCursorKey)).toEqual({
      direction: "backward",
      size: 20,
      cursor: { createdAt: "2026-01-01T00:00:00.000Z", id: "u" },
    });
  });

  it("pages forward from a decoded after cursor", () => {
    const after = userCursor({ createdAt: new Date("2026-01-01T00:00:00.000Z"), userId: "u" });
    expect(parsePageRequest({ first: 3, after }, LIMITS, parseUserCursorKey)).toEqual({
      direction: "forward",
      size: 3,
      cursor: { createdAt: "2026-01-01T00:00:00.000Z", id: "u" },
    });
  });

  it.each([1, 2, 100])("accepts first = %d (1 to the maximum)", (first) => {
    expect(parsePageRequest({ first }, LIMITS, parseUserCursorKey).size).toBe(first);
  });

  it.each([1, 100])("accepts last = %d", (last) => {
    expect(parsePageRequest({ last }, LIMITS, parseUserCursorKey)).toMatchObject({ direction: "backward", size: last });
  });

  it.each([0, -1, 101, 2.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses first = %d, naming first and the limit", (first) => {
    const error = expectBadUserInput(() => parsePageRequest({ first }, LIMITS, parseUserCursorKey), "first");
    expect(error.message).toContain("100");
    expect(error.message).toContain(String(first));
  });

  it.each([0, 101, 1.5])("refuses last = %d, naming last", (last) => {
    expectBadUserInput(() => parsePageRequest({ last }, LIMITS, parseUserCursorKey), "last");
  });

  it.each<[string, ConnectionArgs]>([
    ["first with before", { first: 5, before: "x" }],
    ["first with last", { first: 5, last: 5 }],
    ["after with last", { after: "x", last: 5 }],
    ["after with before", { after: "x", before: "y" }],
  ])("refuses %s as BAD_USER_INPUT before looking at the cursors", (_name, args) => {
    const error = graphQLErrorFrom(() => parsePageRequest(args, LIMITS, parseUserCursorKey));
    expect(error.extensions.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(/first\/after .* last\/before/);
  });
});

describe("toConnection", () => {
  interface Item {
    id: string;
  }
  const items = (...ids: string[]): Item[] => ids.map((id) => ({ id }));
  const cursorOf = (item: Item): string => `cursor:${item.id}`;
  const forward = (size: number): PageRequest<unknown> => ({ direction: "forward", size, cursor: null });
  const backward = (size: number): PageRequest<unknown> => ({ direction: "backward", size, cursor: null });
  const ids = (connection: { edges: { node: Item }[] }): string[] => connection.edges.map((edge) => edge.node.id);

  it("forward: drops the extra row and says a next page exists", () => {
    const connection = toConnection(forward(2), items("u1", "u2", "u3"), false, cursorOf);
    expect(ids(connection)).toEqual(["u1", "u2"]);
    expect(connection.edges.map((edge) => edge.cursor)).toEqual(["cursor:u1", "cursor:u2"]);
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: "cursor:u1",
      endCursor: "cursor:u2",
    });
  });

  it("forward: a page exactly as long as asked is the last one", () => {
    const connection = toConnection(forward(2), items("u1", "u2"), false, cursorOf);
    expect(ids(connection)).toEqual(["u1", "u2"]);
    expect(connection.pageInfo.hasNextPage).toBe(false);
  });

  it("forward: items before the cursor mean a previous page", () => {
    const connection = toConnection(forward(2), items("u3", "u4"), true, cursorOf);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("forward: an empty page has null cursors and no next page", () => {
    expect(toConnection(forward(5), [], true, cursorOf)).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
  });

  it("backward: puts the rows (read nearest-first) back in connection order and drops the farthest extra row", () => {
    // Connection order u1..u5; reading back from before=u5 yields u4, u3 and the extra u2.
    const connection = toConnection(backward(2), items("u4", "u3", "u2"), true, cursorOf);
    expect(ids(connection)).toEqual(["u3", "u4"]);
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: "cursor:u3",
      endCursor: "cursor:u4",
    });
  });

  it("backward: without the extra row there is no previous page; without items beyond the cursor no next page", () => {
    const connection = toConnection(backward(3), items("u2", "u1"), false, cursorOf);
    expect(ids(connection)).toEqual(["u1", "u2"]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it("backward: an empty page has null cursors", () => {
    expect(toConnection(backward(3), [], true, cursorOf).pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it("does not reorder or alter the rows it was given", () => {
    const rows = items("u4", "u3", "u2");
    const copy = structuredClone(rows);
    toConnection(backward(2), rows, false, cursorOf);
    expect(rows).toEqual(copy);
  });
});

describe("parseNumberedPage", () => {
  it("defaults to the first page of 10", () => {
    expect(parseNumberedPage(undefined, undefined)).toEqual({ skip: 0, limit: 10 });
    expect(parseNumberedPage(null, null)).toEqual({ skip: 0, limit: 10 });
  });

  it("skips the pages before the one asked for", () => {
    expect(parseNumberedPage(3, 25)).toEqual({ skip: 50, limit: 25 });
  });

  it("accepts page sizes from 1 to 1000", () => {
    expect(NUMBERED_PAGE_MAX_SIZE).toBe(1000);
    expect(parseNumberedPage(1, 1)).toEqual({ skip: 0, limit: 1 });
    expect(parseNumberedPage(2, 1000)).toEqual({ skip: 1000, limit: 1000 });
  });

  it.each([0, -1, 1.5])("refuses pageNumber = %d, naming pageNumber", (pageNumber) => {
    expectBadUserInput(() => parseNumberedPage(pageNumber, 10), "pageNumber");
  });

  it.each([0, 1001, 2.5])("refuses pageSize = %d, naming pageSize and the limit", (pageSize) => {
    const error = expectBadUserInput(() => parseNumberedPage(1, pageSize), "pageSize");
    expect(error.message).toContain("1000");
  });
});
