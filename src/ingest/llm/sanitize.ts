/**
 * What every step does to a model's words before they reach the graph: names and sentences trimmed and
 * bounded, relation names in UPPER_SNAKE_CASE, dates read strictly. A model may answer anything; these keep
 * what is usable and drop the rest rather than failing the episode.
 */

/** Bounds on what one episode may add, and on each text the model writes. */
export const LIMITS = {
  entities: 30,
  facts: 40,
  entityName: 200,
  entitySummary: 500,
  factName: 60,
  fact: 500,
} as const;

/** Whitespace collapsed, trimmed, and cut at `max` characters (at a word end when there is one nearby). */
export function clipText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const head = flat.slice(0, max);
  const lastSpace = head.lastIndexOf(" ");
  return (lastSpace > max * 0.6 ? head.slice(0, lastSpace) : head).trim();
}

/**
 * "works at", "worksAt", "works-at" and "WORKS_AT" all become WORKS_AT; letters and digits of any script
 * are kept, everything else separates words. Null when nothing is left.
 */
export function upperSnakeCase(text: string): string | null {
  const words = text
    .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
  if (words.length === 0) return null;
  const name = words.join("_").toUpperCase().slice(0, LIMITS.factName).replace(/_+$/, "");
  return name.length > 0 ? name : null;
}

/** A name as compared for sameness: case, accents' case, punctuation and spacing ignored. */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO 8601 date or date-time from the model: a date alone is midnight UTC, a time without an offset is
 * UTC. Anything else (prose, an impossible date, a year before 1000) is null: no date beats a wrong one.
 */
export function parseModelDate(text: string | null): Date | null {
  if (text === null) return null;
  const match = ISO_DATE.exec(text.trim());
  if (match === null) return null;
  const [, year, month, day, hour = "00", minute = "00", second = "00", zone] = match;
  const yearNumber = Number(year);
  const daysInMonth = new Date(Date.UTC(yearNumber, Number(month), 0)).getUTCDate();
  // Date would roll 2025-02-30 over into March; a day the month does not have is refused instead.
  if (yearNumber < 1000 || Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > daysInMonth) return null;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${normalizeZone(zone)}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function normalizeZone(zone: string | undefined): string {
  if (zone === undefined || zone === "Z") return "Z";
  return zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/** Integers in 0..size-1, each once, in the order given: the ids a model may cite from a list we showed it. */
export function validIds(ids: readonly number[], size: number): number[] {
  return [...new Set(ids.filter((id) => Number.isInteger(id) && id >= 0 && id < size))];
}
