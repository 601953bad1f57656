import { badUserInput } from "../errors";
import type { Role } from "../db/records";
import { isPlainObject } from "./metadata";

export const MAX_THREAD_ID_LENGTH = 500;
export const MAX_MESSAGES_PER_CALL = 30;
export const MAX_CONTENT_LENGTH = 4096;
export const MAX_SPEAKER_NAME_LENGTH = 200;
export const MAX_SMALL_METADATA_BYTES = 16 * 1024;

export interface NewMessage {
  role: Role;
  name: string | null;
  content: string;
  metadata: Record<string, unknown> | null;
  createdAt: Date | null;
}

export function normalizeThreadId(raw: string, field = "threadId"): string {
  const threadId = raw.trim();
  if (threadId.length === 0) throw badUserInput(`${field} must not be blank`, field);
  if (threadId.length > MAX_THREAD_ID_LENGTH) {
    throw badUserInput(`${field} is ${threadId.length} characters long; the limit is ${MAX_THREAD_ID_LENGTH}`, field);
  }
  return threadId;
}

/** Thread and message metadata: a JSON object of at most 16 KiB serialized. */
export function normalizeSmallMetadata(raw: Record<string, unknown> | null | undefined, field: string): Record<string, unknown> | null {
  if (raw == null) return null;
  if (!isPlainObject(raw)) throw badUserInput(`${field} must be a JSON object`, field);
  const bytes = Buffer.byteLength(JSON.stringify(raw), "utf8");
  if (bytes > MAX_SMALL_METADATA_BYTES) {
    throw badUserInput(`${field} is ${bytes} bytes serialized; the limit is ${MAX_SMALL_METADATA_BYTES}`, field);
  }
  return raw;
}

export function validateMessages(
  messages: readonly { role: Role; name?: string | null; content: string; metadata?: Record<string, unknown> | null; createdAt?: Date | null }[],
): NewMessage[] {
  if (messages.length < 1 || messages.length > MAX_MESSAGES_PER_CALL) {
    throw badUserInput(`messages must hold 1 to ${MAX_MESSAGES_PER_CALL} messages; got ${messages.length}`, "messages");
  }
  return messages.map((message, index) => {
    const field = `messages[${index}]`;
    if (message.content.trim().length === 0) throw badUserInput(`${field}.content must not be empty`, `${field}.content`);
    if (message.content.length > MAX_CONTENT_LENGTH) {
      throw badUserInput(
        `${field}.content is ${message.content.length} characters long; the limit is ${MAX_CONTENT_LENGTH}`,
        `${field}.content`,
      );
    }
    const name = message.name?.trim() ? message.name.trim() : null;
    if (name !== null && name.length > MAX_SPEAKER_NAME_LENGTH) {
      throw badUserInput(`${field}.name is ${name.length} characters long; the limit is ${MAX_SPEAKER_NAME_LENGTH}`, `${field}.name`);
    }
    return {
      role: message.role,
      name,
      content: message.content,
      metadata: normalizeSmallMetadata(message.metadata, `${field}.metadata`),
      createdAt: message.createdAt ?? null,
    };
  });
}
