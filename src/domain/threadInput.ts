import { badUserInput } from "../errors";
import type { Role } from "../model";
import { assertMaxDepth, assertMaxJsonBytes, assertMaxLength, boundedText } from "./bounds";
import { MAX_METADATA_DEPTH, isPlainObject } from "./metadata";

export const MAX_THREAD_ID_LENGTH = 500;
export const MAX_MESSAGES_PER_CALL = 30;
export const MAX_CONTENT_LENGTH = 4096;
export const MAX_SPEAKER_NAME_LENGTH = 200;
export const MAX_SMALL_METADATA_BYTES = 16 * 1024;

/** Roles by the names Zep's REST API and SDKs write (lower-case); GraphQL's RoleType names are the values. */
export const ROLES_BY_ZEP_NAME: Readonly<Record<string, Role>> = {
  norole: "NOROLE",
  system: "SYSTEM",
  assistant: "ASSISTANT",
  user: "USER",
  function: "FUNCTION",
  tool: "TOOL",
};

export interface NewMessage {
  role: Role;
  name: string | null;
  content: string;
  metadata: Record<string, unknown> | null;
  createdAt: Date | null;
}

export function normalizeThreadId(raw: string, field = "threadId"): string {
  return boundedText(raw, field, MAX_THREAD_ID_LENGTH);
}

/** Thread and message metadata: a JSON object of at most 16 KiB serialized. */
export function normalizeSmallMetadata(raw: Record<string, unknown> | null | undefined, field: string): Record<string, unknown> | null {
  if (raw == null) return null;
  if (!isPlainObject(raw)) throw badUserInput((name) => `${name(field)} must be a JSON object`, field);
  assertMaxDepth(raw, field, MAX_METADATA_DEPTH);
  assertMaxJsonBytes(raw, field, MAX_SMALL_METADATA_BYTES);
  return raw;
}

export function validateMessages(
  messages: readonly { role: Role; name?: string | null; content: string; metadata?: Record<string, unknown> | null; createdAt?: Date | null }[],
): NewMessage[] {
  if (messages.length < 1 || messages.length > MAX_MESSAGES_PER_CALL) {
    throw badUserInput((name) => `${name("messages")} must hold 1 to ${MAX_MESSAGES_PER_CALL} messages; got ${messages.length}`, "messages");
  }
  return messages.map((message, index) => {
    const field = `messages[${index}]`;
    if (message.content.trim().length === 0) {
      throw badUserInput((name) => `${name(`${field}.content`)} must not be empty`, `${field}.content`);
    }
    // Content is kept as written, surrounding white space included.
    assertMaxLength(message.content, `${field}.content`, MAX_CONTENT_LENGTH);
    const name = message.name?.trim() ? assertMaxLength(message.name.trim(), `${field}.name`, MAX_SPEAKER_NAME_LENGTH) : null;
    return {
      role: message.role,
      name,
      content: message.content,
      metadata: normalizeSmallMetadata(message.metadata, `${field}.metadata`),
      createdAt: message.createdAt ?? null,
    };
  });
}

/** How a message's episode names its source: the role, and the speaker when named ("user Jane"). */
export function messageEpisodeDescription(message: { role: Role; name: string | null }): string {
  const role = message.role.toLowerCase();
  return message.name ? `${role} ${message.name}` : role;
}
