import { badUserInput } from "../errors";

// The shared rules for sizes and lengths, worded once: every limit of the API is checked by one of these,
// so each answers the same way and names its field in the asking door's names.

/** A whole number from `min` to `max`. */
export function boundedInt(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput((name) => `${name(field)} must be between ${min} and ${max}; got ${value}`, field);
  }
  return value;
}

/** At most `max` characters (a string's length, as JavaScript counts it). */
export function assertMaxLength(value: string, field: string, max: number): string {
  if (value.length > max) {
    throw badUserInput((name) => `${name(field)} is ${value.length} characters long; the limit is ${max}`, field);
  }
  return value;
}

/** Trimmed text of at most `max` characters; blank is refused unless allowed. */
export function boundedText(raw: string, field: string, max: number, { allowBlank = false } = {}): string {
  const value = raw.trim();
  if (!allowBlank && value.length === 0) throw badUserInput((name) => `${name(field)} must not be blank`, field);
  return assertMaxLength(value, field, max);
}

/** A JSON value of at most `max` bytes serialized as UTF-8. */
export function assertMaxJsonBytes(value: unknown, field: string, max: number): void {
  const bytes = Buffer.byteLength(JSON.stringify(value), "utf8");
  if (bytes > max) throw badUserInput((name) => `${name(field)} is ${bytes} bytes serialized; the limit is ${max}`, field);
}

/**
 * At most `max` levels of nested objects and arrays. Checked before anything walks the value recursively
 * (serializing, flattening), which a value nested thousands deep would turn into a stack overflow.
 */
export function assertMaxDepth(value: unknown, field: string, max: number): void {
  let level: unknown[] = [value];
  for (let depth = 0; level.length > 0; depth += 1) {
    if (depth > max) throw badUserInput((name) => `${name(field)} is nested more than ${max} levels deep`, field);
    level = level.flatMap((inner) => (typeof inner === "object" && inner !== null ? (Object.values(inner) as unknown[]) : []));
  }
}
