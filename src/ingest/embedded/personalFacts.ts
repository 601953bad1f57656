import { properNameRun } from "./namedEntities";
import { relativeTime } from "./relativeTime";

// The common facts a person states about themself, read by patterns: where they work and live, their role,
// what they prefer, their manager, birthday and phone. The same patterns read "I work at Acme" in the user's
// own messages (first person) and "Jane works at Acme" in text that names the user (third person).

export interface PersonalFact {
  /** UPPER_SNAKE_CASE relation, e.g. WORKS_AT. */
  name: string;
  /** The node the fact points at: an organisation, place, person, role, preference ("email"), date or phone. */
  target: string;
  targetLabels: string[];
  /** The sentence, with the user's name as its subject. */
  fact: string;
  validAt: Date | null;
}

/** How the user is named in the text: "I", "my" … or their names. */
export interface Voice {
  subject: string;
  possessive: string;
  be: string;
  have: string;
  verb(base: string, third: string): string;
  firstPerson: boolean;
}

export const FIRST_PERSON: Voice = {
  subject: String.raw`\bI`,
  possessive: String.raw`\bmy`,
  be: String.raw`(?:\s+am|['’]m)`,
  have: String.raw`(?:\s+have|['’]ve)`,
  verb: (base) => base,
  firstPerson: true,
};

/** The third person for a user known by these names (full name, first name, email, …); null without one. */
export function thirdPerson(names: readonly string[]): Voice | null {
  const alternatives = [...new Set(names.map((name) => name.trim()).filter((name) => name.length > 1))]
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, String.raw`\s+`));
  if (alternatives.length === 0) return null;
  const subject = String.raw`\b(?:${alternatives.join("|")})`;
  return {
    subject,
    possessive: `${subject}['’]s`,
    be: String.raw`(?:\s+is|['’]s)`,
    have: String.raw`(?:\s+has|['’]s)`,
    verb: (_base, third) => third,
    firstPerson: false,
  };
}

type ObjectKind = "name" | "role" | "title" | "preference" | "date" | "phone";

interface Rule {
  name: string;
  object: ObjectKind;
  labels: string[];
  /** The pattern up to its object; the object is read from the rest of the sentence. */
  lead(voice: Voice): string | null;
  sentence(user: string, object: string): string;
}

const ADVERBS = String.raw`(?:\s+(?:now|currently|also|still|just|recently|finally|actually))*`;
const REST = String.raw`((?:[^.;!?\n]|\.(?!\s|$))*)`;

const RULES: readonly Rule[] = [
  {
    name: "WORKS_AT",
    object: "name",
    labels: ["Organization"],
    lead: (v) => String.raw`${v.subject}${ADVERBS}(?:\s+${v.verb("work", "works")}|${v.be}\s+(?:working|employed))\s+(?:at|for)\s+`,
    sentence: (user, org) => `${user} works at ${org}`,
  },
  {
    name: "WORKS_AT",
    object: "name",
    labels: ["Organization"],
    lead: (v) => String.raw`${v.subject}${ADVERBS}(?:${v.have})?${ADVERBS}\s+(?:joined|started\s+(?:working\s+)?at|got\s+a\s+job\s+at)\s+`,
    sentence: (user, org) => `${user} works at ${org}`,
  },
  {
    name: "WORKS_AT",
    object: "name",
    labels: ["Organization"],
    // "I'm a software developer at Initech": a job title before the organisation.
    lead: (v) => String.raw`${v.subject}${v.be}${ADVERBS}\s+an?\s+(?:[\p{L}-]+\s+){0,3}(?:${jobWords()})\s+(?:at|for|with)\s+`,
    sentence: (user, org) => `${user} works at ${org}`,
  },
  {
    name: "WORKS_AT",
    object: "name",
    labels: ["Organization"],
    lead: (v) => String.raw`${v.possessive}\s+(?:employer|company)\s+is\s+`,
    sentence: (user, org) => `${user} works at ${org}`,
  },
  {
    name: "LIVES_IN",
    object: "name",
    labels: ["Location"],
    lead: (v) => String.raw`${v.subject}${ADVERBS}(?:\s+${v.verb("live", "lives")}|${v.be}\s+(?:living|based|located))\s+in\s+`,
    sentence: (user, place) => `${user} lives in ${place}`,
  },
  {
    name: "LIVES_IN",
    object: "name",
    labels: ["Location"],
    lead: (v) => String.raw`${v.subject}${ADVERBS}(?:${v.have})?${ADVERBS}\s+(?:moved|relocated)\s+(?:back\s+)?to\s+`,
    sentence: (user, place) => `${user} lives in ${place}`,
  },
  {
    name: "HAS_ROLE",
    object: "role",
    labels: ["Role"],
    // "I work as a data engineer", "I now work at Acme as a data engineer".
    lead: (v) => String.raw`${v.subject}${ADVERBS}(?:\s+${v.verb("work", "works")}|${v.be}\s+working)(?:\s+(?:at|for)\s+[^,;.!?]*?)?\s+as\s+`,
    sentence: (user, role) => `${user} works as ${article(role)} ${role}`,
  },
  {
    name: "HAS_ROLE",
    object: "title",
    labels: ["Role"],
    // "I'm a data engineer": only when the phrase ends in a job word ("I'm a big fan" is no role).
    lead: (v) => String.raw`${v.subject}${v.be}${ADVERBS}\s+(?:an?)\s+`,
    sentence: (user, role) => `${user} works as ${article(role)} ${role}`,
  },
  {
    name: "HAS_ROLE",
    object: "role",
    labels: ["Role"],
    lead: (v) => String.raw`${v.possessive}\s+(?:job\s+title|job|role|position|title)\s+is\s+`,
    sentence: (user, role) => `${user} works as ${article(role)} ${role}`,
  },
  {
    name: "PREFERS",
    object: "preference",
    labels: ["Preference"],
    lead: (v) => String.raw`${v.subject}${ADVERBS}(?:\s+(?:really\s+)?${v.verb("prefer", "prefers")}|['’]d\s+prefer|\s+would\s+prefer)\s+`,
    sentence: (user, preference) => `${user} prefers ${preference}`,
  },
  {
    name: "HAS_MANAGER",
    object: "name",
    labels: ["Person"],
    lead: (v) => String.raw`${v.possessive}\s+(?:line\s+)?(?:manager|boss|supervisor|team\s+lead)\s+is\s+`,
    sentence: (user, person) => `${user}'s manager is ${person}`,
  },
  {
    name: "HAS_MANAGER",
    object: "name",
    labels: ["Person"],
    lead: (v) => String.raw`${v.subject}${ADVERBS}\s+${v.verb("report", "reports")}\s+(?:directly\s+)?to\s+`,
    sentence: (user, person) => `${user}'s manager is ${person}`,
  },
  {
    name: "HAS_BIRTHDAY",
    object: "date",
    labels: ["Date"],
    lead: (v) => String.raw`${v.possessive}\s+(?:birthday|date\s+of\s+birth)\s+is\s+(?:on\s+)?`,
    sentence: (user, date) => `${user}'s birthday is ${date}`,
  },
  {
    name: "HAS_BIRTHDAY",
    object: "date",
    labels: ["Date"],
    lead: (v) => String.raw`${v.subject}\s+(?:was|were)\s+born\s+on\s+`,
    sentence: (user, date) => `${user}'s birthday is ${date}`,
  },
  {
    name: "HAS_PHONE",
    object: "phone",
    labels: ["PhoneNumber"],
    lead: (v) => String.raw`${v.possessive}\s+(?:(?:phone|mobile|cell)(?:\s+phone)?(?:\s+number)?|number)\s+is\s+`,
    sentence: (user, phone) => `${user}'s phone number is ${phone}`,
  },
  {
    name: "HAS_PHONE",
    object: "phone",
    labels: ["PhoneNumber"],
    lead: (v) => (v.firstPerson ? String.raw`\b(?:call|reach|text)\s+me\s+(?:at|on)\s+` : null),
    sentence: (user, phone) => `${user}'s phone number is ${phone}`,
  },
];

/** Every personal fact the text states in this voice, in the order the text states them. */
export function personalFacts(text: string, voice: Voice, user: string, reference: Date): PersonalFact[] {
  const found: (PersonalFact & { at: number })[] = [];
  for (const rule of RULES) {
    const lead = rule.lead(voice);
    if (lead === null) continue;
    for (const match of text.matchAll(new RegExp(`${lead}${REST}`, "giu"))) {
      const rest = match[1] ?? "";
      const object = readObject(rule.object, rest);
      if (object === null) continue;
      const start = match.index;
      const headEnd = start + match[0].length - rest.length;
      const clause = clauseAround(text, start, headEnd + object.length);
      found.push({
        at: start,
        name: rule.name,
        target: rule.object === "preference" ? preferenceHead(object) : object,
        targetLabels: rule.labels,
        fact: rule.sentence(user, object),
        validAt: relativeTime(clause, reference),
      });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((fact) => ({ name: fact.name, target: fact.target, targetLabels: fact.targetLabels, fact: fact.fact, validAt: fact.validAt }));
}

function readObject(kind: ObjectKind, rest: string): string | null {
  switch (kind) {
    case "name":
      return leadingName(rest);
    case "role":
      return roleWords(rest);
    case "title": {
      const role = roleWords(rest);
      return role !== null && JOB_WORDS.has(role.split(" ").pop()!.toLowerCase()) ? role : null;
    }
    case "preference":
      return preference(rest);
    case "date":
      return DATE.exec(rest)?.[0] ?? null;
    case "phone":
      return PHONE.exec(rest)?.[0].trim() ?? null;
  }
}

/** A proper name at the very start ("the" allowed before it): "Acme as a …" -> "Acme"; "home" -> null. */
function leadingName(rest: string): string | null {
  const text = rest.replace(/^the\s+/i, "");
  const name = properNameRun(text);
  return name !== null && text.startsWith(name) ? name : null;
}

const ROLE_STOP = new Set(
  "at for in with and but since from on who which that because so now currently last this here there to when where while".split(" "),
);

/** "a data engineer at Acme" -> "data engineer": up to five words, before a preposition or conjunction. */
function roleWords(rest: string): string | null {
  const words: string[] = [];
  for (const word of rest.replace(/^(?:an?|the)\s+/i, "").split(/\s+/)) {
    const clean = word.replace(/[,:]+$/, "");
    if (clean.length === 0 || ROLE_STOP.has(clean.toLowerCase()) || !/^[\p{L}][\p{L}'’-]*$/u.test(clean)) break;
    words.push(clean);
    if (word !== clean || words.length === 5) break;
  }
  return words.length > 0 ? words.join(" ") : null;
}

/** "email over phone calls, and …" -> "email over phone calls": the clause, at most eight words. */
function preference(rest: string): string | null {
  const clause = rest.split(/\s*[,;:]\s*|\s+(?:and|but|because|since|so)\s+/i)[0]?.trim() ?? "";
  const words = clause.split(/\s+/).filter((word) => word.length > 0);
  return words.length > 0 && words.length <= 8 ? words.join(" ") : null;
}

/** The head of a preference, its first words before a comparison: "email over phone calls" -> "email". */
function preferenceHead(preference: string): string {
  const head = preference.split(/\s+(?:over|to|than|rather|instead|for|when|if|in|at|on)\b/i)[0]?.trim() ?? preference;
  return head.replace(/^(?:to\s+(?:be\s+)?|the\s+|an?\s+)/i, "") || preference;
}

/** The text from the clause boundary before `start` to the one after `end`: where a time phrase belongs. */
function clauseAround(text: string, start: number, end: number): string {
  const boundary = /[,;.!?]|\s(?:and|but)\s/g;
  let from = 0;
  for (const match of text.slice(0, start).matchAll(boundary)) from = match.index + match[0].length;
  const after = text.slice(end);
  const next = after.search(/[,;.!?]|\s(?:and|but)\s/);
  return text.slice(from, next < 0 ? text.length : end + next);
}

function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase) ? "an" : "a";
}

const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";
const DATE = new RegExp(
  String.raw`^(?:\d{4}-\d{2}-\d{2}|(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTHS})(?:,?\s+\d{4})?|\d{1,2}/\d{1,2}(?:/\d{2,4})?)`,
  "i",
);
const PHONE = /^\+?[\d(][\d\s().-]{5,}\d/;

function jobWords(): string {
  return [...JOB_WORDS].join("|");
}

const JOB_WORDS = new Set(
  (
    "engineer developer programmer architect designer analyst scientist researcher manager director lead head founder " +
    "cofounder co-founder owner ceo cto cfo coo cio vp president consultant accountant auditor lawyer attorney paralegal " +
    "teacher professor lecturer tutor student intern nurse doctor physician surgeon dentist pharmacist therapist " +
    "technician mechanic electrician plumber carpenter chef cook baker waiter bartender writer editor journalist " +
    "photographer artist musician producer marketer recruiter administrator admin officer specialist coordinator " +
    "assistant associate representative rep agent broker advisor adviser planner strategist tester operator pilot " +
    "driver salesperson salesman saleswoman clerk cashier librarian secretary receptionist supervisor foreman " +
    "scientist statistician economist trader banker investor entrepreneur freelancer contractor"
  ).split(" "),
);
