import neo4j from "neo4j-driver";

/**
 * Converts what neo4j-driver returns into plain JavaScript, once, at the boundary: temporal values
 * become Dates, integers numbers (the driver is created with disableLosslessIntegers, this covers
 * values built by hand), maps and lists recursively. Nodes are never returned by our Cypher: statements
 * project maps (`n {.*}`), which keeps the driver's graph types out of the rest of the code.
 */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Strings and numbers are most of what comes back, and the driver's type tests cost a property lookup
  // each: a value that is not an object is returned before any of them.
  if (typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toNative);
  if (value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toNative(inner)]));
  }
  if (neo4j.isInt(value)) return value.toNumber();
  if (neo4j.isDateTime(value)) return value.toStandardDate();
  if (neo4j.isDate(value) || neo4j.isLocalDateTime(value)) return new Date(value.toString());
  return value;
}

/** A record's columns, converted. */
export function toNativeMap(map: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, toNative(value)]));
}

/**
 * JavaScript numbers travel as floats, and Cypher refuses a float where it needs an integer (LIMIT, SKIP,
 * list indexes); our parameters never carry a whole number that is meant as a float.
 */
export function toNeo4jParams(value: unknown): unknown {
  if (typeof value === "number" && Number.isInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toNeo4jParams);
  if (typeof value === "object" && value !== null && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toNeo4jParams(inner)]));
  }
  return value;
}
