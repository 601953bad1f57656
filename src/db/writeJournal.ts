import type { JournalEntry, StatementRunner, WriteJournal } from "./database";
import { Row } from "./row";

/** Records one write of the request, inside its transaction: false when the request no longer holds its key. */
export type RecordWrite = (tx: StatementRunner, write: string, outcome: string) => Promise<boolean>;

/**
 * The writes of one request under an Idempotency-Key. A write is named by the step it belongs to (a GraphQL
 * mutation field's response key; "" for a REST route) and its place among that step's writes, so that a
 * retry of the same request meets the same names in the same order: those an earlier attempt committed
 * replay their recorded outcomes, and the rest run, each recording its own. Naming writes per step keeps a
 * step whose number of writes changed on the retry (a deletion resumed mid-way) from shifting the next
 * step's names.
 */
export class RequestWriteJournal implements WriteJournal {
  private step = "";
  private readonly writesPerStep = new Map<string, number>();

  constructor(
    private readonly recorded: ReadonlyMap<string, string>,
    private readonly record: RecordWrite,
  ) {}

  /** The writes from now on belong to `step`. */
  enter(step: string): void {
    this.step = step;
  }

  nextWrite(): JournalEntry {
    const index = this.writesPerStep.get(this.step) ?? 0;
    this.writesPerStep.set(this.step, index + 1);
    const write = `${this.step}#${index}`;
    const recorded = this.recorded.get(write);
    if (recorded !== undefined) return { replayed: true, outcome: decodeOutcome(recorded) };
    return { replayed: false, record: (tx, outcome) => this.record(tx, write, encodeOutcome(outcome)) };
  }
}

// A write's outcome as JSON text: records of plain data, Dates and Rows (what stores' transactions return).
// Dates and Rows travel as one-key objects tagged "$date" and "$row"; a key of the data that starts with "$"
// gains one more "$", so that data never reads as a tag.
const DATE = "$date";
const ROW = "$row";

export function encodeOutcome(outcome: unknown): string {
  return JSON.stringify(encode(outcome) ?? null);
}

export function decodeOutcome(text: string): unknown {
  return decode(JSON.parse(text));
}

function encode(value: unknown): unknown {
  if (value instanceof Date) return { [DATE]: value.toISOString() };
  if (value instanceof Row) {
    const { values, source } = value.recorded();
    return { [ROW]: [source, encode(values)] };
  }
  if (Array.isArray(value)) return value.map(encode);
  if (typeof value === "object" && value !== null) {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new Error(`a write's outcome holds a ${value.constructor.name}, which a write journal cannot record`);
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.startsWith("$") ? `$${key}` : key, encode(inner)]));
  }
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  const [tag, tagged] = entries.length === 1 ? (entries[0] as [string, unknown]) : ["", null];
  if (tag === DATE) return new Date(tagged as string);
  if (tag === ROW) {
    const [source, values] = tagged as [string, unknown];
    return new Row(decode(values) as Record<string, unknown>, source);
  }
  return Object.fromEntries(entries.map(([key, inner]) => [key.startsWith("$") ? key.slice(1) : key, decode(inner)]));
}
