import neo4j from "neo4j-driver";
import { toNative } from "../../src/db/neo4jValues";

// What the driver hands back becomes plain JavaScript at the boundary, however deep it sits.

describe("toNative", () => {
  it("passes strings, numbers and booleans through, and makes null of what is missing", () => {
    expect([toNative("text"), toNative(2.5), toNative(7), toNative(false), toNative(null), toNative(undefined)]).toEqual(["text", 2.5, 7, false, null, null]);
  });

  it("turns the driver's integers and temporal values into numbers and Dates", () => {
    expect(toNative(neo4j.int(42))).toBe(42);
    const instant = new neo4j.types.DateTime(2026, 11, 30, 17, 5, 9, 123_000_000, 0);
    expect(toNative(instant)).toEqual(new Date("2026-11-30T17:05:09.123Z"));
    expect(toNative(new neo4j.types.Date(2026, 11, 30))).toEqual(new Date("2026-11-30"));
    expect(toNative(new neo4j.types.LocalDateTime(2026, 11, 30, 8, 0, 0, 0))).toEqual(new Date("2026-11-30T08:00:00"));
  });

  it("converts inside maps and lists, at any depth", () => {
    const nested = { count: neo4j.int(3), rows: [{ at: new neo4j.types.DateTime(2026, 1, 2, 3, 4, 5, 0, 0), tags: ["a", neo4j.int(1)] }] };
    expect(toNative(nested)).toEqual({ count: 3, rows: [{ at: new Date("2026-01-02T03:04:05Z"), tags: ["a", 1] }] });
  });
});
