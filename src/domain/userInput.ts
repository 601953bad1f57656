import { badUserInput } from "../errors";
import { boundedText } from "./bounds";
import { assertMetadataSize, isPlainObject } from "./metadata";

export const MAX_USER_ID_LENGTH = 500;
export const MAX_NAME_LENGTH = 200;
export const MAX_EMAIL_LENGTH = 254;

// Deliberately plain: one @, no spaces, a dot in the domain. Deliverability is the application's concern;
// this catches typos and values that are clearly not addresses.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export interface NewUser {
  userId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  metadata: Record<string, unknown> | null;
}

/** The fields of an updateUser call: a key that is absent stays as it is, null clears it. */
export interface UserChanges {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  metadata?: Record<string, unknown> | null;
}

export function normalizeUserId(raw: string, field = "userId"): string {
  return boundedText(raw, field, MAX_USER_ID_LENGTH);
}

export function validateNewUser(input: {
  userId: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  metadata?: Record<string, unknown> | null;
}): NewUser {
  return {
    userId: normalizeUserId(input.userId),
    email: normalizeEmail(input.email ?? null),
    firstName: normalizeName(input.firstName ?? null, "firstName"),
    lastName: normalizeName(input.lastName ?? null, "lastName"),
    metadata: normalizeMetadata(input.metadata ?? null),
  };
}

export function validateUserChanges(input: {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  metadata?: Record<string, unknown> | null;
}): UserChanges {
  const changes: UserChanges = {};
  if (input.email !== undefined) changes.email = normalizeEmail(input.email);
  if (input.firstName !== undefined) changes.firstName = normalizeName(input.firstName, "firstName");
  if (input.lastName !== undefined) changes.lastName = normalizeName(input.lastName, "lastName");
  if (input.metadata !== undefined) changes.metadata = normalizeMetadata(input.metadata);
  return changes;
}

function normalizeEmail(raw: string | null): string | null {
  if (raw === null) return null;
  const email = raw.trim();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
    throw badUserInput((name) => `${name("email")} "${raw}" is not a valid email address`, "email");
  }
  return email;
}

function normalizeName(raw: string | null, field: string): string | null {
  if (raw === null) return null;
  const name = boundedText(raw, field, MAX_NAME_LENGTH, { allowBlank: true });
  return name.length === 0 ? null : name;
}

function normalizeMetadata(raw: Record<string, unknown> | null): Record<string, unknown> | null {
  if (raw === null) return null;
  // The JSONObject scalar already refuses non-objects; this guards callers that bypass GraphQL.
  if (!isPlainObject(raw)) throw badUserInput((name) => `${name("metadata")} must be a JSON object`, "metadata");
  assertMetadataSize(raw);
  return raw;
}
