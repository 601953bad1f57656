// How names are compared and found in text, in one place: entity resolution compares trimmed,
// lower-cased names; mentions are found on word boundaries by comparing runs of letters and digits.

/** The key two names must share to be the same entity: trimmed and case-insensitive. */
export function nameKey(name: string): string {
  return name.normalize("NFC").trim().toLowerCase();
}

/**
 * The words of a text, lower-cased and joined by single spaces: "Jane's ACME-order" -> "jane s acme order".
 * A name occurs in a text on word boundaries when ` ${words(name)} ` is a substring of ` ${words(text)} `,
 * which Cypher can test with CONTAINS, no regular expressions needed.
 */
export function words(text: string): string {
  return (text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");
}

/** The text's words with a space on each side, ready for `padded CONTAINS ' ' + nameWords + ' '`. */
export function paddedWords(text: string): string {
  return ` ${words(text)} `;
}

/** "works at", "worksAt", "works-at" -> "WORKS_AT". */
export function upperSnakeCase(name: string): string {
  return name
    .trim()
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1_$2")
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}
