// Since when a statement holds, read from the few time phrases that are easy to place relative to the
// episode's time: "yesterday", "last month", "three weeks ago", "in 2019", "now". Anything else is null
// (unknown), never a guess.

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};

type Unit = "day" | "week" | "month" | "year";

const AGO = /\b(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (day|week|month|year)s? ago\b/i;
const LAST = /\blast (week|month|year)\b/i;
const YEAR = /\b(?:in|since) ((?:19|20)\d{2})\b/i;

/** The instant a clause's time phrase names, relative to `reference`; null when it names none. */
export function relativeTime(clause: string, reference: Date): Date | null {
  const ago = AGO.exec(clause);
  if (ago) return shift(reference, ago[2]!.toLowerCase() as Unit, -countOf(ago[1]!));
  const last = LAST.exec(clause);
  if (last) return shift(reference, last[1]!.toLowerCase() as Unit, -1);
  if (/\byesterday\b/i.test(clause)) return shift(reference, "day", -1);
  if (/\btoday\b/i.test(clause)) return startOfDay(reference);
  const year = YEAR.exec(clause);
  if (year) {
    const value = Number(year[1]);
    return value <= reference.getUTCFullYear() ? new Date(Date.UTC(value, 0, 1)) : null;
  }
  // "I now work at …" states the present: true since the episode, at least.
  if (/\b(?:now|currently|as of today)\b/i.test(clause)) return reference;
  return null;
}

function countOf(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word.toLowerCase()] ?? 1);
}

/** The reference's day moved by `amount` units, at the start of that day (UTC): a phrase names a day, not an hour. */
function shift(reference: Date, unit: Unit, amount: number): Date {
  const year = reference.getUTCFullYear();
  const month = reference.getUTCMonth();
  const day = reference.getUTCDate();
  switch (unit) {
    case "day":
      return new Date(Date.UTC(year, month, day + amount));
    case "week":
      return new Date(Date.UTC(year, month, day + 7 * amount));
    case "month":
      return new Date(Date.UTC(year, month + amount, Math.min(day, daysIn(year, month + amount))));
    case "year":
      return new Date(Date.UTC(year + amount, month, Math.min(day, daysIn(year + amount, month))));
  }
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function startOfDay(reference: Date): Date {
  return new Date(Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate()));
}
