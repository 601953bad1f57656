import nlp from "compromise";

// People, places and organisations named in a text, found by compromise (its English lexicon and rules ship
// in the npm package: no network, no model download). It tags; this module only tidies what it returns.

export interface NamedEntity {
  name: string;
  labels: string[];
}

/** At most this many entities from one text. */
const MAX_ENTITIES = 20;
const TITLES = /^(?:dr|mr|mrs|ms|mx|prof|sir|dame)\.?\s+/i;

export function namedEntities(text: string): NamedEntity[] {
  // "Tom Becker's team": the possessive splits a name in two for the tagger; it carries no name.
  const doc = nlp(text.replace(/(\p{L})['’]s\b/gu, "$1"));
  const found: NamedEntity[] = [
    ...tidy(doc.people().out("array") as string[], "Person"),
    ...tidy(doc.places().out("array") as string[], "Location"),
    ...tidy(doc.organizations().out("array") as string[], "Organization"),
  ];
  const seen = new Set<string>();
  return found
    .filter((entity) => {
      const key = entity.name.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_ENTITIES);
}

/** "São Paulo, Brazil." -> "São Paulo", "Brazil"; "sister Anna" -> "Anna"; lower-case words are not names. */
function tidy(matches: readonly string[], label: string): NamedEntity[] {
  return matches
    .flatMap((match) => match.split(/\s*[,;:!?()"]\s*|\.\s+/))
    .map((part) => properNameRun(part.replace(TITLES, "").replace(/[.'’]+$/, "").trim()))
    .filter((name): name is string => name !== null)
    .map((name) => ({ name, labels: [label] }));
}

/** The capitalised words of a phrase, from the first one on (inner "of", "de", "&" kept); null when none. */
export function properNameRun(phrase: string): string | null {
  const match = /\p{Lu}[\p{L}\p{N}&.'’-]*(?:\s+(?:(?:of|de|da|del|der|van|von|la|le|&)\s+)?\p{Lu}[\p{L}\p{N}&.'’-]*)*/u.exec(phrase);
  if (!match) return null;
  const name = match[0].replace(/[.'’]+$/, "");
  return name.length > 1 ? name : null;
}
