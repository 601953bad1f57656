import { ROLES_BY_ZEP_NAME } from "../domain/threadInput";
import { badUserInput } from "../errors";
import type { Role } from "../model";
import { type JsonObject, optionalDate, optionalObject, optionalString, requiredObject, requiredString } from "../rest/input";
import type { ImportLineInput, ImportThreadInput } from "../services/bulkImport";

// One line of an import file, read as GraphQL reads addUser's input: types only (a string is a string),
// every rule about the values is the services'. Names are GraphQL's, camelCase.

const USER_FIELDS = ["userId", "email", "firstName", "lastName", "metadata", "threads"];
const THREAD_FIELDS = ["threadId", "metadata", "messages"];
const MESSAGE_FIELDS = ["role", "name", "content", "metadata", "createdAt"];

const GRAPHQL_ROLES = new Set<string>(Object.values(ROLES_BY_ZEP_NAME));

export function parseImportLine(text: string): ImportLineInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw badUserInput(`not valid JSON (${(error as Error).message})`);
  }
  const line = requiredObject(json, "the line");
  refuseUnknownFields(line, USER_FIELDS, "");
  return {
    user: {
      userId: requiredString(line, "userId"),
      email: optionalString(line, "email"),
      firstName: optionalString(line, "firstName"),
      lastName: optionalString(line, "lastName"),
      metadata: optionalObject(line, "metadata"),
    },
    threads: optionalArray(line, "threads", "threads").map((item, index) => parseThread(item, `threads[${index}]`)),
  };
}

/**
 * A role as Zep writes it (lower-case: "user", "assistant", …, what the REST routes accept) or as GraphQL
 * does (RoleType: "USER", "ASSISTANT", …).
 */
export function parseRole(value: string, field: string): Role {
  if (Object.hasOwn(ROLES_BY_ZEP_NAME, value)) return ROLES_BY_ZEP_NAME[value]!;
  if (GRAPHQL_ROLES.has(value)) return value as Role;
  const names = Object.keys(ROLES_BY_ZEP_NAME);
  throw badUserInput(
    `${field} must be one of ${names.join(", ")} (or ${names.map((name) => name.toUpperCase()).join(", ")}); got "${value}"`,
    field,
  );
}

function parseThread(item: unknown, field: string): ImportThreadInput {
  const thread = requiredObject(item, field);
  refuseUnknownFields(thread, THREAD_FIELDS, `${field}.`);
  return {
    threadId: requiredString(thread, "threadId", `${field}.threadId`),
    metadata: optionalObject(thread, "metadata", `${field}.metadata`),
    messages: optionalArray(thread, "messages", `${field}.messages`).map((raw, index) => {
      const label = `${field}.messages[${index}]`;
      const message = requiredObject(raw, label);
      refuseUnknownFields(message, MESSAGE_FIELDS, `${label}.`);
      return {
        role: parseRole(requiredString(message, "role", `${label}.role`), `${label}.role`),
        name: optionalString(message, "name", `${label}.name`),
        content: requiredString(message, "content", `${label}.content`),
        metadata: optionalObject(message, "metadata", `${label}.metadata`),
        createdAt: optionalDate(message, "createdAt", `${label}.createdAt`),
      };
    }),
  };
}

function optionalArray(source: JsonObject, name: string, label: string): unknown[] {
  const value = source[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badUserInput(`${label} must be an array; got ${typeof value === "object" ? "an object" : JSON.stringify(value)}`, label);
  return value;
}

// A misspelt field (user_id, thread_id) would otherwise be dropped without a word.
function refuseUnknownFields(source: JsonObject, known: readonly string[], prefix: string): void {
  const unknown = Object.keys(source).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw badUserInput(
      `unknown field${unknown.length > 1 ? "s" : ""} ${unknown.map((key) => `${prefix}${key}`).join(", ")}; ` +
        `the fields are ${known.map((key) => `${prefix}${key}`).join(", ")}`,
      `${prefix}${unknown[0]}`,
    );
  }
}
