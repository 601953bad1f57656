import { nameKey, upperSnakeCase } from "../../domain/graph/text";
import { MAX_NODE_NAME_LENGTH } from "../../domain/graph/factInput";
import { type ExtractionDraft, clip } from "./draft";

// Business data as facts. A record that names the user (a value equal to their email, userId or name, as the
// user node's resolveKeys compare) describes the user: each scalar field becomes a fact on the user's node,
// `{"plan": "pro"}` -> HAS_PLAN "Jane Smith has plan pro" to a node "pro". Nested records become nodes of their
// own, linked from their parent, with facts of their own. A record that does not name the user is an entity
// named by its name (or title, id, …) field. Every field holds one value at a time: a new value of a field
// contradicts the old one.

/** Fields that name a record, in order of preference. */
const NAME_FIELDS = ["name", "fullname", "full_name", "displayname", "display_name", "title", "label", "company", "companyname", "organization", "id", "uuid", "key", "code", "sku"];
const MAX_DEPTH = 3;
const MAX_ITEMS = 20;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonRecord = { [key: string]: Json };

/** Adds the facts of a JSON document to the draft; a document that does not parse adds nothing. */
export function extractFromJson(draft: ExtractionDraft, content: string): void {
  let document: Json;
  try {
    document = JSON.parse(content) as Json;
  } catch {
    return;
  }
  const records = Array.isArray(document) ? document.slice(0, MAX_ITEMS) : [document];
  for (const record of records) {
    if (!isRecord(record)) continue;
    const ref = recordRef(draft, record, null);
    if (ref !== null) describe(draft, ref.ref, ref.name, record, ref.identifying, 1);
  }
}

interface RecordRef {
  ref: string;
  name: string;
  /** The fields that identified the record: they name it, they are not facts about it. */
  identifying: Set<string>;
}

/** The user, when the record names them; else the entity its name field names; else, nested, "<parent>'s <field>". */
function recordRef(draft: ExtractionDraft, record: JsonRecord, nested: { parent: string; field: string } | null): RecordRef | null {
  const userFields = Object.entries(record)
    .filter(([, value]) => isScalar(value) && value !== null && draft.isUser(String(value)))
    .map(([field]) => field);
  if (userFields.length > 0) return { ref: draft.userRef, name: draft.userName, identifying: new Set(userFields) };
  const named = NAME_FIELDS.map((wanted) => Object.keys(record).find((field) => normalField(field) === wanted))
    .map((field) => ({ field, value: field === undefined ? undefined : record[field] }))
    .find((found): found is { field: string; value: string | number | boolean } => isScalar(found.value) && found.value !== null && String(found.value).trim() !== "");
  const nameField = named?.field;
  const name = named !== undefined ? String(named.value) : nested ? `${nested.parent}'s ${words(nested.field)}` : null;
  if (name === null) return null;
  const ref = draft.entity(name);
  return ref === null ? null : { ref, name: clip(name.trim(), MAX_NODE_NAME_LENGTH), identifying: new Set(nameField ? [nameField] : []) };
}

function describe(draft: ExtractionDraft, ref: string, name: string, record: JsonRecord, identifying: Set<string>, depth: number): void {
  for (const [field, value] of Object.entries(record)) {
    if (identifying.has(field) || value === null) continue;
    if (isScalar(value)) {
      scalarFact(draft, ref, name, field, value, true);
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.slice(0, MAX_ITEMS).entries()) {
        if (isScalar(item) && item !== null) scalarFact(draft, ref, name, field, item, false);
        else if (isRecord(item)) nestedRecord(draft, { ref, name }, `${field} ${index + 1}`, field, item, depth, false);
      }
    } else {
      nestedRecord(draft, { ref, name }, field, field, value, depth, true);
    }
  }
}

function scalarFact(draft: ExtractionDraft, ref: string, name: string, field: string, value: string | number | boolean, functional: boolean): void {
  const text = String(value).trim();
  const target = text.length > 0 ? draft.entity(text) : null;
  if (target === null) return;
  draft.fact({ name: relationName(field), fact: `${name} has ${words(field)} ${text}`, sourceRef: ref, targetRef: target, validAt: null, functional });
}

function nestedRecord(
  draft: ExtractionDraft,
  parent: { ref: string; name: string },
  label: string,
  field: string,
  record: JsonRecord,
  depth: number,
  functional: boolean,
): void {
  if (depth >= MAX_DEPTH) return;
  const child = recordRef(draft, record, { parent: parent.name, field: label });
  if (child === null || child.ref === parent.ref) return;
  const named = child.name !== `${parent.name}'s ${words(label)}`;
  const sentence = named ? `${parent.name} has ${words(field)} ${child.name}` : `${parent.name} has ${article(words(field))} ${words(field)}`;
  draft.fact({ name: relationName(field), fact: sentence, sourceRef: parent.ref, targetRef: child.ref, validAt: null, functional });
  describe(draft, child.ref, child.name, record, child.identifying, depth + 1);
}

/** "plan" -> HAS_PLAN, "renewalDate" -> HAS_RENEWAL_DATE; a field that already says has/is keeps its verb. */
export function relationName(field: string): string {
  const name = upperSnakeCase(field) || "VALUE";
  return /^(?:HAS|IS)_/.test(name) ? name : `HAS_${name}`;
}

/** "renewalDate" -> "renewal date", "seat_count" -> "seat count". */
function words(field: string): string {
  return upperSnakeCase(field).toLowerCase().replace(/_/g, " ") || field;
}

function normalField(field: string): string {
  return nameKey(field).replace(/[\s-]/g, "");
}

function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase) ? "an" : "a";
}

function isScalar(value: Json | undefined): value is string | number | boolean | null {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

function isRecord(value: Json | undefined): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
