import { assertMaxDepth, assertMaxJsonBytes } from "./bounds";

/**
 * Metadata is stored flattened, as parallel lists of leaf paths and JSON values, because Neo4j cannot
 * store a map and a deep merge must happen inside one Cypher statement (cypher/user.update.cypher).
 * A path is the JSON text of its keys (`["a","b"]`), which is unambiguous whatever the keys contain and
 * lets a subtree be found by prefix. Arrays, primitives and empty objects are leaves.
 */
export interface FlatMetadata {
  keys: string[];
  values: string[];
}

/** What user.update.cypher needs to deep-merge a patch into stored metadata. */
export interface MetadataPatch {
  mode: "keep" | "clear" | "merge";
  removedPaths: string[];
  removedPrefixes: string[];
  set: Record<string, string>;
  setOrder: string[];
}

export const MAX_METADATA_BYTES = 64 * 1024;
/** How deep metadata may nest (objects and arrays); real metadata is a few levels. */
export const MAX_METADATA_DEPTH = 32;

export function pathKey(path: readonly string[]): string {
  return JSON.stringify(path);
}

/** The prefix every path strictly below `path` starts with: the path's text without its closing bracket. */
export function subtreePrefix(path: readonly string[]): string {
  const key = pathKey(path);
  return `${key.slice(0, -1)},`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function flattenMetadata(metadata: Record<string, unknown>): FlatMetadata {
  const flat: FlatMetadata = { keys: [], values: [] };
  const visit = (value: unknown, path: string[]): void => {
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      for (const [key, inner] of Object.entries(value)) visit(inner, [...path, key]);
      return;
    }
    flat.keys.push(pathKey(path));
    flat.values.push(JSON.stringify(value));
  };
  for (const [key, value] of Object.entries(metadata)) visit(value, [key]);
  return flat;
}

// Objects without a prototype: a stored key such as "__proto__" is then ordinary data, never a way to
// reach Object.prototype.
function emptyObject(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

export function unflattenMetadata(keys: readonly string[] | null, values: readonly string[] | null): Record<string, unknown> | null {
  if (keys === null || values === null) return null;
  const root = emptyObject();
  keys.forEach((key, index) => {
    const path = JSON.parse(key) as string[];
    let node = root;
    path.slice(0, -1).forEach((segment) => {
      if (!Object.hasOwn(node, segment) || !isPlainObject(node[segment])) node[segment] = emptyObject();
      node = node[segment] as Record<string, unknown>;
    });
    const leaf = path[path.length - 1] as string;
    const value = JSON.parse(values[index] as string, (_key, inner: unknown) =>
      isPlainObject(inner) ? Object.assign(emptyObject(), inner) : inner,
    ) as unknown;
    // An empty-object leaf never overwrites children that a later path put below it.
    if (!(isPlainObject(value) && Object.hasOwn(node, leaf) && isPlainObject(node[leaf]))) node[leaf] = value;
  });
  return root;
}

/**
 * Turns an updateUser metadata argument into a merge plan: `undefined` keeps the metadata, `null` clears
 * it, an object is deep-merged (a key set to null is removed, an object value merges into what is there,
 * any other value replaces the whole subtree at its key).
 */
export function planMetadataPatch(patch: Record<string, unknown> | null | undefined): MetadataPatch {
  const plan: MetadataPatch = { mode: "keep", removedPaths: [], removedPrefixes: [], set: {}, setOrder: [] };
  if (patch === undefined) return plan;
  if (patch === null) return { ...plan, mode: "clear" };
  plan.mode = "merge";
  const removeAncestorLeaves = (path: string[]): void => {
    // Setting a.b turns a leaf standing at a into an object.
    for (let depth = 1; depth < path.length; depth += 1) plan.removedPaths.push(pathKey(path.slice(0, depth)));
  };
  const removeSubtree = (path: string[]): void => {
    plan.removedPaths.push(pathKey(path));
    plan.removedPrefixes.push(subtreePrefix(path));
  };
  const setLeaf = (path: string[], value: unknown): void => {
    const key = pathKey(path);
    plan.set[key] = JSON.stringify(value);
    plan.setOrder.push(key);
  };
  const visit = (value: unknown, path: string[]): void => {
    if (value === null) return removeSubtree(path);
    if (isPlainObject(value)) {
      // Merging an object keeps what is there and makes sure an object stands at the path, even when
      // the patch only removes keys (RFC 7386: {a:{b:null}} leaves a = {}). The "{}" leaf is ignored
      // on reading wherever children stand below it.
      removeAncestorLeaves(path);
      setLeaf(path, {});
      for (const [key, inner] of Object.entries(value)) visit(inner, [...path, key]);
      return;
    }
    removeSubtree(path);
    removeAncestorLeaves(path);
    setLeaf(path, value);
  };
  for (const [key, value] of Object.entries(patch)) visit(value, [key]);
  // A path that is set must survive the removals planned for its siblings' ancestors.
  plan.removedPaths = plan.removedPaths.filter((path) => !(path in plan.set));
  return plan;
}

export function assertMetadataSize(metadata: Record<string, unknown> | null, field = "metadata"): void {
  if (metadata === null) return;
  assertMaxDepth(metadata, field, MAX_METADATA_DEPTH);
  assertMaxJsonBytes(metadata, field, MAX_METADATA_BYTES);
}
