import type { Page, PageRows } from "../model";

/**
 * A row as a statement returned it, converted to plain JavaScript (see neo4jValues), read by column with its
 * type checked. A column of the wrong type is a statement that no longer returns what its code expects: an
 * internal error that names the statement and the column, rather than a wrong value passed on.
 */
export class Row {
  constructor(
    private readonly values: Readonly<Record<string, unknown>>,
    private readonly source: string,
  ) {}

  string(column: string): string {
    return this.expect(column, (value): value is string => typeof value === "string", "a string");
  }

  optionalString(column: string): string | null {
    return this.optional(column, (value): value is string => typeof value === "string", "a string");
  }

  number(column: string): number {
    return this.expect(column, (value): value is number => typeof value === "number", "a number");
  }

  optionalNumber(column: string): number | null {
    return this.optional(column, (value): value is number => typeof value === "number", "a number");
  }

  /** A boolean column; absent or null reads as false, as Cypher's predicates on a missing row do. */
  flag(column: string): boolean {
    return this.optional(column, (value): value is boolean => typeof value === "boolean", "a boolean") ?? false;
  }

  /**
   * An instant: a driver date-time, or epoch milliseconds (`u.createdAt.epochMillis`), which statements
   * return where they can because the driver converts a number without its Integer arithmetic.
   */
  date(column: string): Date {
    return toDate(this.expect(column, isInstant, "a date-time or epoch milliseconds"));
  }

  optionalDate(column: string): Date | null {
    const value = this.optional(column, isInstant, "a date-time or epoch milliseconds");
    return value === null ? null : toDate(value);
  }

  strings(column: string): string[] {
    return this.optionalStrings(column) ?? this.fail(column, "a list of strings");
  }

  optionalStrings(column: string): string[] | null {
    return this.optional(column, isStringList, "a list of strings");
  }

  /** A nested map (a projection such as `u {.*}`), read the same way. */
  row(column: string): Row {
    return this.optionalRow(column) ?? this.fail(column, "a map");
  }

  optionalRow(column: string): Row | null {
    const map = this.optional(column, isMap, "a map");
    return map === null ? null : new Row(map, `${this.source}.${column}`);
  }

  /** A list of maps (`collect(t {.*})`). */
  rows(column: string): Row[] {
    const list = this.expect(column, (value): value is unknown[] => Array.isArray(value) && value.every(isMap), "a list of maps");
    return list.map((map, index) => new Row(map as Record<string, unknown>, `${this.source}.${column}[${index}]`));
  }

  /** The columns as read and the statement they came from: what a write journal records of a row. */
  recorded(): { values: Readonly<Record<string, unknown>>; source: string } {
    return { values: this.values, source: this.source };
  }

  /** The same row with more columns, for a record whose columns a statement returns apart. */
  with(columns: Readonly<Record<string, unknown>>): Row {
    return new Row({ ...this.values, ...columns }, this.source);
  }

  private expect<T>(column: string, check: (value: unknown) => value is T, kind: string): T {
    const value = this.values[column];
    return check(value) ? value : this.fail(column, kind);
  }

  private optional<T>(column: string, check: (value: unknown) => value is T, kind: string): T | null {
    const value = this.values[column];
    if (value === null || value === undefined) return null;
    return check(value) ? value : this.fail(column, kind);
  }

  private fail(column: string, kind: string): never {
    throw new Error(`${this.source}: column "${column}" should be ${kind}, got ${describe(this.values[column])}`);
  }
}

/** The one row a statement always returns (an aggregate, a CREATE). */
export function firstRow(rows: readonly Row[]): Row {
  const row = rows[0];
  if (!row) throw new Error("a statement that always returns a row returned none");
  return row;
}

/** A nullable nested record. */
export function mapOptional<T>(row: Row | null, toRecord: (row: Row) => T): T | null {
  return row === null ? null : toRecord(row);
}

/**
 * A page of one parent's children as the page statements return it: the list, and whether items lie beyond
 * the cursor (`hasPrevious` reading forward, `hasNext` reading back; a first page's statement has neither).
 */
export function toPage<T>(row: Row, listColumn: string, forward: boolean, toRecord: (row: Row) => T): Page<T> {
  return { rows: row.rows(listColumn).map(toRecord), hasBeyondCursor: row.flag(forward ? "hasPrevious" : "hasNext") };
}

/** A page whose statement also returns the whole list's `totalCount`. */
export function toPageRows<T>(row: Row, listColumn: string, forward: boolean, toRecord: (row: Row) => T): PageRows<T> {
  return { ...toPage(row, listColumn, forward, toRecord), totalCount: row.number("totalCount") };
}

function isInstant(value: unknown): value is Date | number {
  return value instanceof Date || (typeof value === "number" && Number.isFinite(value));
}

function toDate(value: Date | number): Date {
  return value instanceof Date ? value : new Date(value);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  return Array.isArray(value) ? "a list" : typeof value;
}
