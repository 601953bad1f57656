import type { ImportStore, ThreadToImport } from "../db/imports";
import type { Summarizer } from "../domain/graph/summarizer";
import { flattenMetadata } from "../domain/metadata";
import { MAX_MESSAGES_PER_CALL, messageEpisodeDescription, normalizeSmallMetadata, normalizeThreadId, validateMessages } from "../domain/threadInput";
import { type NewUser, validateNewUser } from "../domain/userInput";
import { describeUserNode } from "../domain/userNode";
import { UsergraphError, badUserInput, threadAlreadyExists } from "../errors";
import type { MessagesInput } from "./threads";
import type { NewUserInput } from "./users";

// Bulk import, for migrations and seeding: what addUser, createThread and addMessages would do for each
// line, checked by the same rules and stored in batches, one transaction each.

/** One user to import as a door read it: addUser's input, with the user's threads and their messages. */
export interface ImportLineInput {
  user: NewUserInput;
  threads: readonly ImportThreadInput[];
}

export interface ImportThreadInput {
  threadId: string;
  metadata?: Record<string, unknown> | null;
  /** Any number of messages, as successive addMessages calls of 30 would add them. */
  messages?: MessagesInput | null;
}

/** A line that passed the rules, ready for importLines. */
export interface ValidImportLine {
  user: NewUser;
  threads: ThreadToImport[];
}

/** What became of a valid line: imported, skipped (its userId exists), or refused with the API's error. */
export type ImportLineOutcome = "imported" | "skipped" | UsergraphError;

export interface BulkImportDependencies {
  imports: ImportStore;
  summarizer: Summarizer;
}

/** Checks a line by the rules of addUser, createThread and addMessages; throws the error they would. */
export function validateImportLine(input: ImportLineInput): ValidImportLine {
  const user = validateNewUser(input.user);
  const seen = new Map<string, number>();
  const threads = input.threads.map((thread, index) => {
    const field = `threads[${index}]`;
    const threadId = normalizeThreadId(thread.threadId, `${field}.threadId`);
    const earlier = seen.get(threadId);
    if (earlier !== undefined) {
      throw badUserInput((name) => `${name(`${field}.threadId`)} "${threadId}" repeats threads[${earlier}]'s`, `${field}.threadId`);
    }
    seen.set(threadId, index);
    return {
      threadId,
      metadata: normalizeSmallMetadata(thread.metadata, `${field}.metadata`),
      messages: validateAllMessages(thread.messages ?? [], field),
    };
  });
  return { user, threads };
}

/**
 * Stores valid lines in one transaction, each user with the node, summary and metadata addUser would give
 * them; one outcome per line, in order.
 */
export async function importLines({ imports, summarizer }: BulkImportDependencies, lines: readonly ValidImportLine[]): Promise<ImportLineOutcome[]> {
  const descriptions = lines.map(({ user }) => describeUserNode(user));
  const summaries = await summarizer.summarize(
    lines.map(({ user }, index) => ({ name: descriptions[index]!.name, user, description: null, facts: [] })),
  );
  const outcomes = await imports.importBatch(
    lines.map(({ user, threads }, index) => {
      const description = descriptions[index]!;
      return {
        userId: user.userId,
        email: user.email,
        firstName: user.firstName,
        lastName: user.lastName,
        metadata: user.metadata === null ? null : flattenMetadata(user.metadata),
        node: { ...description, summary: summaries[index] ?? description.summary },
        threads,
      };
    }),
  );
  return outcomes.map((outcome) => {
    if (outcome === "created") return "imported";
    if (outcome === "exists") return "skipped";
    return threadAlreadyExists(outcome.threadTaken);
  });
}

/**
 * validateMessages takes one addMessages call's worth (at most 30); a thread's messages are checked in such
 * slices, and an error names the message by its place in the line (threads[0].messages[42].content).
 */
function validateAllMessages(messages: MessagesInput, threadField: string): ThreadToImport["messages"] {
  const valid: ThreadToImport["messages"][number][] = [];
  for (let offset = 0; offset < messages.length; offset += MAX_MESSAGES_PER_CALL) {
    const rename = (field: string): string =>
      `${threadField}.${field.replace(/^messages\[(\d+)\]/, (_, index: string) => `messages[${offset + Number(index)}]`)}`;
    try {
      for (const message of validateMessages(messages.slice(offset, offset + MAX_MESSAGES_PER_CALL))) {
        valid.push({ ...message, episodeDescription: messageEpisodeDescription(message) });
      }
    } catch (error) {
      if (!(error instanceof UsergraphError)) throw error;
      const field = typeof error.extensions.field === "string" ? rename(error.extensions.field) : undefined;
      throw badUserInput((name) => error.wordedFor((inner) => name(rename(inner))), field);
    }
  }
  return valid;
}
