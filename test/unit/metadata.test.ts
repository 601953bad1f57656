import { GraphQLError } from "graphql";
import {
  type FlatMetadata,
  MAX_METADATA_BYTES,
  type MetadataPatch,
  assertMetadataSize,
  flattenMetadata,
  planMetadataPatch,
  unflattenMetadata,
} from "../../src/domain/metadata";

// Metadata lives in Neo4j as parallel lists of leaf paths and JSON values, and updateUser deep-merges a
// patch inside cypher/user.update.cypher. These tests check the TypeScript half (flatten, plan, unflatten)
// together with a line-by-line JavaScript copy of that Cypher, against a merge written independently
// from the contract: JSON Merge Patch (RFC 7386), which is what the contract describes.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

// ---------------------------------------------------------------------------------------------------
// The Cypher of user.update.cypher, statement by statement, on the stored lists.
// ---------------------------------------------------------------------------------------------------

/** `null` stands for the node's metadataKeys/metadataValues properties being absent. */
function applyLikeUserUpdateCypher(stored: FlatMetadata | null, plan: MetadataPatch): FlatMetadata | null {
  // CASE $metadataMode ... ELSE u.metadataKeys / WHEN 'clear' THEN null
  if (plan.mode === "keep") return stored;
  if (plan.mode === "clear") return null;
  // coalesce(u.metadataKeys, []) AS oldKeys, coalesce(u.metadataValues, []) AS oldValues
  const oldKeys = stored?.keys ?? [];
  const oldValues = stored?.values ?? [];
  // A Cypher map lookup of a missing key is null; coalesce then falls back to the old value.
  const lookup = (key: string): string | null => (Object.hasOwn(plan.set, key) ? (plan.set[key] as string) : null);
  const kept: [string, string | null][] = [];
  oldKeys.forEach((key, i) => {
    if (plan.removedPaths.includes(key)) return; // NOT oldKeys[i] IN $metadataRemovedPaths
    if (plan.removedPrefixes.some((prefix) => key.startsWith(prefix))) return; // NONE(prefix ... STARTS WITH)
    kept.push([key, lookup(key) ?? oldValues[i] ?? null]); // coalesce($metadataSet[oldKeys[i]], oldValues[i])
  });
  const keptKeys = kept.map((entry) => entry[0]);
  // kept + [path IN $metadataSetOrder WHERE NOT path IN keptKeys | [path, $metadataSet[path]]]
  const merged = [...kept, ...plan.setOrder.filter((path) => !keptKeys.includes(path)).map((path) => [path, lookup(path)] as const)];
  const values = merged.map((entry) => entry[1]);
  // Neo4j cannot store a list holding null: a null here would be a failed statement, not metadata.
  if (values.some((value) => value === null)) throw new Error(`the plan would store a null value: ${JSON.stringify(merged)}`);
  return { keys: merged.map((entry) => entry[0]), values: values as string[] };
}

function readBack(flat: FlatMetadata | null): Record<string, unknown> | null {
  return unflattenMetadata(flat?.keys ?? null, flat?.values ?? null);
}

/** What the database holds after addUser(metadata) then updateUser(metadata: patch), read back. */
function storeThenPatch(stored: JsonObject | null, ...patches: (JsonObject | null | undefined)[]): Record<string, unknown> | null {
  let flat = stored === null ? null : flattenMetadata(stored);
  for (const patch of patches) flat = applyLikeUserUpdateCypher(flat, planMetadataPatch(patch));
  return readBack(flat);
}

// ---------------------------------------------------------------------------------------------------
// The reference: RFC 7386 MergePatch, written from the RFC's pseudo-code.
// ---------------------------------------------------------------------------------------------------

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mergePatch(target: unknown, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? structuredClone(target) : {};
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete result[name];
    else result[name] = mergePatch(result[name], value);
  }
  return result;
}

/** updateUser's metadata argument: absent keeps, null clears, an object merges (into {} when there was none). */
function referenceUpdate(stored: JsonObject | null, patch: JsonObject | null | undefined): JsonObject | null {
  if (patch === undefined) return stored;
  if (patch === null) return null;
  return mergePatch(stored ?? {}, patch) as JsonObject;
}

// ---------------------------------------------------------------------------------------------------
// Seeded generators (no dependency): small key pool so that stored and patch keys collide often, and keys
// chosen to break a naive path encoding: dots, quotes, brackets, commas, backslashes, unicode, "".
// ---------------------------------------------------------------------------------------------------

const AWKWARD_KEYS = [
  "a",
  "ab",
  "a.b",
  "a,b",
  'a"',
  'x"]',
  "[0]",
  "]",
  ",",
  "",
  "\\",
  " ",
  "0",
  "é",
  "日本",
  "𝄞",
  "line\nbreak",
];

function random(seed: number): () => number {
  // mulberry32
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = random(seed);
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  primitive(): Json {
    return this.pick<() => Json>([
      () => this.int(1000) - 500,
      () => this.next(),
      () => this.pick(["", "text", "ünïcödé ✓", '{"looks":"like json"}', "[1,2]", "null"]),
      () => this.next() < 0.5,
    ])();
  }
  array(depth: number): Json[] {
    return Array.from({ length: this.int(3) }, () => (this.int(3) === 0 && depth > 0 ? this.object(depth - 1, false, 0) : this.primitive()));
  }
  /** `nullDepth`: how many levels down a null may appear (0: none, 1: top level only, Infinity: anywhere). */
  object(depth: number, allowNull: boolean, nullDepth: number): JsonObject {
    const result: JsonObject = {};
    const size = this.int(4);
    for (let i = 0; i < size; i += 1) result[this.pick(AWKWARD_KEYS)] = this.value(depth, allowNull && nullDepth > 0, nullDepth - 1);
    return result;
  }
  value(depth: number, allowNull: boolean, nullDepth: number): Json {
    const roll = this.int(10);
    if (roll === 0 && allowNull) return null;
    if (roll <= 4 && depth > 0) return this.object(depth - 1, true, nullDepth);
    if (roll === 5) return this.array(depth);
    if (roll === 6) return {};
    return this.primitive();
  }
  /** Stored metadata: JSON with null leaves allowed (a client may store `{"a": null}`). */
  stored(): JsonObject | null {
    return this.int(8) === 0 ? null : this.object(3, true, Infinity);
  }
  patch(nullDepth: number): JsonObject | null | undefined {
    const roll = this.int(20);
    if (roll === 0) return undefined;
    if (roll === 1) return null;
    return this.object(3, true, nullDepth);
  }
}

const CASES = 600;

// ---------------------------------------------------------------------------------------------------

describe("flattenMetadata / unflattenMetadata", () => {
  const examples: [string, JsonObject][] = [
    ["an empty object", {}],
    ["flat primitives of every JSON type", { s: "x", n: -1.5, t: true, f: false, z: null }],
    ["nested objects", { a: { b: { c: 1 }, d: "x" }, e: 2 }],
    ["nested empty objects", { a: {}, b: { c: {} }, d: { e: { f: {} } } }],
    ["arrays, including arrays of objects and empty arrays", { list: [1, "two", null, { three: [3] }], none: [], deep: { l: [[]] } }],
    ["keys with dots, quotes, brackets and commas", { "a.b": 1, 'a"b': 2, "[x]": 3, "a,b": { ",": { "]": 4 } }, '"]': 5 }],
    ["unicode and whitespace keys", { é: { 日本: "𝄞" }, " ": 1, "\n": 2, "\\": 3, "\u0000": 4 }],
    ["the empty-string key at every depth", { "": { "": { "": "deep" } } }],
    ["integer-like keys", { "0": "zero", "10": { "2": true } }],
    ["strings that look like JSON", { a: "[1]", b: "{}", c: "null", d: '"quoted"' }],
  ];

  it.each(examples)("round-trips %s", (_name, metadata) => {
    const flat = flattenMetadata(metadata);
    expect(unflattenMetadata(flat.keys, flat.values)).toEqual(metadata);
  });

  it("round-trips generated metadata with awkward keys", () => {
    const gen = new Gen(7);
    for (let i = 0; i < CASES; i += 1) {
      const metadata = gen.object(4, true, Infinity);
      const flat = flattenMetadata(metadata);
      expect({ metadata, back: unflattenMetadata(flat.keys, flat.values) }).toEqual({ metadata, back: metadata });
    }
  });

  it("stores one path per leaf and keeps no object with children as a value", () => {
    const flat = flattenMetadata({ a: { b: 1, c: { d: [{ e: 1 }] } }, f: {} });
    expect(flat.keys.map((key) => JSON.parse(key))).toEqual([["a", "b"], ["a", "c", "d"], ["f"]]);
    expect(flat.values.map((value) => JSON.parse(value))).toEqual([1, [{ e: 1 }], {}]);
  });

  it("keeps a dotted key apart from the nested path it spells (a.b is one key, not a then b)", () => {
    const flat = flattenMetadata({ "a.b": 1, a: { b: 2 } });
    expect(new Set(flat.keys).size).toBe(2);
    expect(unflattenMetadata(flat.keys, flat.values)).toEqual({ "a.b": 1, a: { b: 2 } });
  });

  it("reads absent lists back as null, not as an empty object", () => {
    expect(unflattenMetadata(null, null)).toBeNull();
    expect(unflattenMetadata([], [])).toEqual({});
  });

  it("does not let an empty-object leaf hide children that a later path put below the same key", () => {
    // The merge appends ["a"] = {} after ["a","b"] when a patch merges {} into an existing object.
    expect(unflattenMetadata(['["a","b"]', '["a"]'], ["1", "{}"])).toEqual({ a: { b: 1 } });
    expect(unflattenMetadata(['["a"]', '["a","b"]'], ["{}", "1"])).toEqual({ a: { b: 1 } });
  });

  it('round-trips a "__proto__" key as ordinary data', () => {
    // JSON.parse (the HTTP body) and graphql-scalars' JSONObject literal both produce an own "__proto__" key.
    const metadata = JSON.parse('{"__proto__": {"role": "admin"}, "plain": 1}') as Record<string, unknown>;
    const flat = flattenMetadata(metadata);
    try {
      const back = unflattenMetadata(flat.keys, flat.values);
      expect(back).not.toBeNull();
      expect(Object.keys(back as object)).toEqual(expect.arrayContaining(["__proto__", "plain"]));
      expect(Object.getOwnPropertyDescriptor(back, "__proto__")?.value).toEqual({ role: "admin" });
    } finally {
      delete (Object.prototype as Record<string, unknown>).role;
    }
  });

  it('never writes stored metadata onto Object.prototype through a "__proto__" path segment', () => {
    const keys = ['["__proto__","pollutedByMetadata"]'];
    try {
      unflattenMetadata(keys, ['"yes"']);
      expect(({} as Record<string, unknown>).pollutedByMetadata).toBeUndefined();
    } finally {
      delete (Object.prototype as Record<string, unknown>).pollutedByMetadata;
    }
  });
});

describe("planMetadataPatch", () => {
  it("keeps the metadata untouched when the argument is absent (undefined)", () => {
    expect(planMetadataPatch(undefined)).toEqual({ mode: "keep", removedPaths: [], removedPrefixes: [], set: {}, setOrder: [] });
    expect(storeThenPatch({ a: { b: 1 } }, undefined)).toEqual({ a: { b: 1 } });
    expect(storeThenPatch(null, undefined)).toBeNull();
  });

  it("clears the metadata when the argument is null", () => {
    expect(planMetadataPatch(null).mode).toBe("clear");
    expect(storeThenPatch({ a: 1 }, null)).toBeNull();
  });

  it("merging an empty patch changes nothing but turns absent metadata into {}", () => {
    expect(storeThenPatch({ a: { b: [1] }, c: {} }, {})).toEqual({ a: { b: [1] }, c: {} });
    expect(storeThenPatch(null, {})).toEqual({});
  });

  it("lists every set path exactly once in setOrder, which the Cypher uses to append new paths", () => {
    const gen = new Gen(11);
    for (let i = 0; i < CASES; i += 1) {
      const plan = planMetadataPatch(gen.object(3, true, Infinity));
      expect(new Set(plan.setOrder).size).toBe(plan.setOrder.length);
      expect([...plan.setOrder].sort()).toEqual(Object.keys(plan.set).sort());
      for (const value of Object.values(plan.set)) expect(() => JSON.parse(value)).not.toThrow();
    }
  });

  describe("applied by user.update.cypher", () => {
    it("removes a key set to null together with its whole subtree", () => {
      expect(storeThenPatch({ a: { b: { c: 1 } }, keep: 2 }, { a: null })).toEqual({ keep: 2 });
    });

    it("removing a key leaves siblings whose names start with the same characters", () => {
      const stored = { a: { x: 1 }, ab: 2, "a.b": 3, 'a"': 4, "a,b": 5, "a]": 6 };
      expect(storeThenPatch(stored, { a: null })).toEqual({ ab: 2, "a.b": 3, 'a"': 4, "a,b": 5, "a]": 6 });
    });

    it("removing a key that is not there changes nothing", () => {
      expect(storeThenPatch({ a: 1 }, { b: null })).toEqual({ a: 1 });
    });

    it("merges nested objects key by key, keeping keys the patch does not name", () => {
      expect(storeThenPatch({ a: { b: 1, c: { d: 2, e: 3 } }, f: 4 }, { a: { c: { e: 30, g: 5 } } })).toEqual({
        a: { b: 1, c: { d: 2, e: 30, g: 5 } },
        f: 4,
      });
    });

    it("removes one nested key and keeps its siblings", () => {
      expect(storeThenPatch({ a: { b: 1, c: 2 } }, { a: { b: null } })).toEqual({ a: { c: 2 } });
    });

    it("removing the last key of a nested object leaves that object empty, not gone", () => {
      expect(storeThenPatch({ a: { b: 1 }, z: 0 }, { a: { b: null } })).toEqual({ a: {}, z: 0 });
    });

    it("a patch object that only removes keys still leaves an object where there was none or a primitive", () => {
      // RFC 7386: "if Target is not an Object: Target = {}", whatever the patch holds.
      expect(storeThenPatch({ z: 0 }, { a: { b: null } })).toEqual({ z: 0, a: {} });
      expect(storeThenPatch({ a: 5 }, { a: { b: null } })).toEqual({ a: {} });
    });

    it("replaces an object with an array and an array with an object; arrays are never merged", () => {
      expect(storeThenPatch({ a: { b: 1 } }, { a: [1, 2] })).toEqual({ a: [1, 2] });
      expect(storeThenPatch({ a: [1, 2] }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
      expect(storeThenPatch({ a: [1, 2, 3] }, { a: [9] })).toEqual({ a: [9] });
    });

    it("replaces a whole subtree with a primitive", () => {
      expect(storeThenPatch({ a: { b: { c: 1 }, d: 2 } }, { a: "flat" })).toEqual({ a: "flat" });
    });

    it("setting a.b where a is a primitive (or null) turns a into an object", () => {
      expect(storeThenPatch({ a: 5 }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
      expect(storeThenPatch({ a: null }, { a: { b: { c: "x" } } })).toEqual({ a: { b: { c: "x" } } });
    });

    it("merging {} into an existing object keeps its children; into a primitive or nothing it makes {}", () => {
      expect(storeThenPatch({ a: { b: 1 } }, { a: {} })).toEqual({ a: { b: 1 } });
      expect(storeThenPatch({ a: 5 }, { a: {} })).toEqual({ a: {} });
      expect(storeThenPatch({}, { a: { b: {} } })).toEqual({ a: { b: {} } });
    });

    it("stores a null value sent inside an array, and an explicit empty object, as data", () => {
      expect(storeThenPatch({ a: 1 }, { list: [null, {}], o: {} })).toEqual({ a: 1, list: [null, {}], o: {} });
    });

    it("handles awkward keys in merges: dots, quotes, brackets, commas, unicode, the empty string", () => {
      const stored = { "": { "a.b": 1, 'q"': { "]": 2 } }, "日本": { ",": 3 }, "𝄞": 4 };
      const patch = { "": { "a.b": null, 'q"': { "[": 5 } }, "日本": { ",": { "": 6 } }, "𝄞": null };
      expect(storeThenPatch(stored, patch)).toEqual({ "": { 'q"': { "]": 2, "[": 5 } }, "日本": { ",": { "": 6 } } });
    });

    it("agrees with the reference merge on generated pairs whose nulls are all at the top level", () => {
      const gen = new Gen(2026);
      for (let i = 0; i < CASES; i += 1) {
        const stored = gen.stored();
        const patch = gen.patch(1);
        const result = storeThenPatch(stored, patch);
        expect({ stored, patch, result }).toEqual({ stored, patch, result: referenceUpdate(stored, patch) });
      }
    });

    it("agrees with the reference merge over a sequence of patches (top-level nulls), from what the Cypher left", () => {
      const gen = new Gen(4242);
      for (let i = 0; i < CASES / 2; i += 1) {
        const stored = gen.stored();
        const patches = [gen.patch(1), gen.patch(1), gen.patch(1)];
        const result = storeThenPatch(stored, ...patches);
        const expected = patches.reduce<JsonObject | null>((acc, patch) => referenceUpdate(acc, patch), stored);
        expect({ stored, patches, result }).toEqual({ stored, patches, result: expected });
      }
    });

    it("agrees with the reference merge on generated pairs with nulls at any depth", () => {
      const gen = new Gen(99);
      for (let i = 0; i < CASES; i += 1) {
        const stored = gen.stored();
        const patch = gen.patch(Infinity);
        const result = storeThenPatch(stored, patch);
        expect({ stored, patch, result }).toEqual({ stored, patch, result: referenceUpdate(stored, patch) });
      }
    });
  });
});

describe("assertMetadataSize", () => {
  // {"k":"…"} is 8 bytes of JSON around the string.
  const withSerializedBytes = (content: string): Record<string, unknown> => ({ k: content });
  const serializedBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), "utf8");

  it("accepts metadata of exactly 64 KiB serialized, counted in UTF-8 bytes", () => {
    // 65536 - 8 = 65528 = 3 × 21842 + 2: three-byte euros and one two-byte é.
    const metadata = withSerializedBytes("€".repeat(21842) + "é");
    expect(serializedBytes(metadata)).toBe(MAX_METADATA_BYTES);
    expect(MAX_METADATA_BYTES).toBe(65536);
    expect(() => assertMetadataSize(metadata)).not.toThrow();
  });

  it("refuses one byte over 64 KiB with BAD_USER_INPUT naming the field and both sizes", () => {
    const metadata = withSerializedBytes("€".repeat(21842) + "é" + "x");
    expect(serializedBytes(metadata)).toBe(MAX_METADATA_BYTES + 1);
    let thrown: unknown;
    try {
      assertMetadataSize(metadata);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    const error = thrown as GraphQLError;
    expect(error.extensions.code).toBe("BAD_USER_INPUT");
    expect(error.extensions.field).toBe("metadata");
    expect(error.message).toContain("65537");
    expect(error.message).toContain("65536");
  });

  it("counts bytes, not characters: 4-byte characters under 64 Ki characters can exceed the limit", () => {
    const metadata = withSerializedBytes("😀".repeat(16383)); // 16383 × 4 + 8 = 65540 bytes, 32774 UTF-16 units
    expect(JSON.stringify(metadata).length).toBeLessThan(MAX_METADATA_BYTES);
    expect(() => assertMetadataSize(metadata)).toThrow(GraphQLError);
  });

  it("names the field it is given in the error", () => {
    const metadata = withSerializedBytes("x".repeat(MAX_METADATA_BYTES));
    expect(() => assertMetadataSize(metadata, "metadata (after the merge)")).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: "metadata (after the merge)" }) }),
    );
  });

  it("accepts null (no metadata)", () => {
    expect(() => assertMetadataSize(null)).not.toThrow();
  });
});
