import { words } from "./text";

/**
 * Builds a Lucene query for Neo4j's full-text indexes from plain words. Lucene syntax in the user's query
 * is treated as text: only runs of letters and digits are kept (lower-cased, so AND/OR/NOT are words, not
 * operators), and the user's world is a required phrase on the indexed `groupId` field. Returns null when
 * the query has no words to search for.
 */
export function fullTextQuery(query: string, groupId: string, fields: readonly string[]): string | null {
  const terms = [...new Set(words(query).split(" ").filter((term) => term.length > 0))].slice(0, 32);
  if (terms.length === 0) return null;
  const anyField = fields.map((field) => `${field}:(${terms.join(" ")})`).join(" ");
  return `+groupId:"${groupId.replace(/[^0-9a-f-]/gi, "")}" +(${anyField})`;
}
