/**
 * The shape of a model's answer, written once: as the JSON Schema sent in `response_format` (strict mode:
 * every property required, no others, null spelled as a type) and as the check of what comes back. A server
 * without structured output (an old Ollama, a proxy) may still answer something else; the check turns that
 * into an error naming the first place it differs, which the caller retries.
 */
export interface Schema<T> {
  readonly json: Record<string, unknown>;
  parse(value: unknown, path: string): T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

export class SchemaMismatch extends Error {
  override readonly name = "SchemaMismatch";
}

const mismatch = (path: string, expected: string, value: unknown): never => {
  const shown = value === undefined ? "nothing" : JSON.stringify(value)?.slice(0, 60);
  throw new SchemaMismatch(`at ${path}: expected ${expected}, got ${shown}`);
};

const withDescription = (json: Record<string, unknown>, description?: string) => (description ? { ...json, description } : json);

export function string(description?: string): Schema<string> {
  return {
    json: withDescription({ type: "string" }, description),
    parse: (value, path) => (typeof value === "string" ? value : mismatch(path, "a string", value)),
  };
}

export function integer(description?: string): Schema<number> {
  return {
    json: withDescription({ type: "integer" }, description),
    parse: (value, path) => (typeof value === "number" && Number.isInteger(value) ? value : mismatch(path, "an integer", value)),
  };
}

export function boolean(description?: string): Schema<boolean> {
  return {
    json: withDescription({ type: "boolean" }, description),
    parse: (value, path) => (typeof value === "boolean" ? value : mismatch(path, "true or false", value)),
  };
}

export function oneOf<T extends string>(values: readonly T[], description?: string): Schema<T> {
  return {
    json: withDescription({ type: "string", enum: values }, description),
    parse: (value, path) => ((values as readonly unknown[]).includes(value) ? (value as T) : mismatch(path, `one of ${values.join(", ")}`, value)),
  };
}

/** The value or null; a missing property reads as null too, since null is what it would have said. */
export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  const { type, description, ...rest } = inner.json;
  const json = typeof type === "string" ? { type: [type, "null"], ...rest } : { anyOf: [inner.json, { type: "null" }] };
  return {
    json: withDescription(json, typeof description === "string" ? description : undefined),
    parse: (value, path) => (value === null || value === undefined ? null : inner.parse(value, path)),
  };
}

export function array<T>(items: Schema<T>, description?: string): Schema<T[]> {
  return {
    json: withDescription({ type: "array", items: items.json }, description),
    parse: (value, path) => (Array.isArray(value) ? value.map((item, index) => items.parse(item, `${path}[${index}]`)) : mismatch(path, "an array", value)),
  };
}

/** Extra properties are ignored rather than refused: they do no harm, and lenient servers add them. */
export function object<P extends Record<string, Schema<unknown>>>(properties: P, description?: string): Schema<{ [K in keyof P]: Infer<P[K]> }> {
  const keys = Object.keys(properties);
  const json = {
    type: "object",
    properties: Object.fromEntries(keys.map((key) => [key, (properties[key] as Schema<unknown>).json])),
    required: keys,
    additionalProperties: false,
  };
  return {
    json: withDescription(json, description),
    parse: (value, path) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return mismatch(path, "an object", value);
      const record = value as Record<string, unknown>;
      const parsed = Object.fromEntries(keys.map((key) => [key, (properties[key] as Schema<unknown>).parse(record[key], `${path}.${key}`)]));
      return parsed as { [K in keyof P]: Infer<P[K]> };
    },
  };
}
