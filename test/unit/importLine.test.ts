import { GraphQLError } from "graphql";
import { MAX_CONTENT_LENGTH } from "../../src/domain/threadInput";
import { parseImportLine } from "../../src/import/parseLine";
import { validateImportLine } from "../../src/services/bulkImport";

// One line of an import file, from its text to what the store receives: the door's type checks, then the
// rules of addUser, createThread and addMessages, with each error naming its field by its place in the line.

function check(line: unknown) {
  return validateImportLine(parseImportLine(typeof line === "string" ? line : JSON.stringify(line)));
}

function refusal(line: unknown): GraphQLError {
  try {
    check(line);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
    return error as GraphQLError;
  }
  throw new Error("expected BAD_USER_INPUT, the line passed");
}

const message = (content: string, role = "user") => ({ role, content });

describe("an import line", () => {
  it("reads addUser's input with threads and messages, normalized as the API normalizes them", () => {
    const valid = check({
      userId: "  jane ",
      email: "jane@example.com",
      firstName: "Jane",
      lastName: " ",
      metadata: { plan: "pro" },
      threads: [
        { threadId: " t1 ", metadata: { channel: "web" }, messages: [{ role: "user", name: " Jane ", content: " hi ", createdAt: "2026-01-02T03:04:05.000Z" }] },
        { threadId: "t2" },
      ],
    });
    expect(valid.user).toEqual({ userId: "jane", email: "jane@example.com", firstName: "Jane", lastName: null, metadata: { plan: "pro" } });
    expect(valid.threads).toEqual([
      {
        threadId: "t1",
        metadata: { channel: "web" },
        messages: [
          {
            role: "USER",
            name: "Jane",
            content: " hi ",
            metadata: null,
            createdAt: new Date("2026-01-02T03:04:05.000Z"),
            episodeDescription: "user Jane",
          },
        ],
      },
      { threadId: "t2", metadata: null, messages: [] },
    ]);
  });

  it("takes roles as Zep writes them (lower-case) or as GraphQL does (upper-case), and no other spelling", () => {
    const roles = ["norole", "system", "assistant", "user", "function", "tool", "NOROLE", "SYSTEM", "ASSISTANT", "USER", "FUNCTION", "TOOL"];
    const valid = check({ userId: "u", threads: [{ threadId: "t", messages: roles.map((role) => message("x", role)) }] });
    expect(valid.threads[0]!.messages.map((m) => m.role)).toEqual([...roles.slice(6), ...roles.slice(6)]);
    const error = refusal({ userId: "u", threads: [{ threadId: "t", messages: [message("x", "User")] }] });
    expect(error.message).toBe(
      'threads[0].messages[0].role must be one of norole, system, assistant, user, function, tool ' +
        '(or NOROLE, SYSTEM, ASSISTANT, USER, FUNCTION, TOOL); got "User"',
    );
  });

  it("takes any number of messages a thread, checked as addMessages checks its 30", () => {
    const messages = Array.from({ length: 75 }, (_, i) => message(`m${i}`));
    expect(check({ userId: "u", threads: [{ threadId: "t", messages }] }).threads[0]!.messages).toHaveLength(75);
  });

  it.each([
    ["malformed JSON", '{"userId": "u",', /^not valid JSON \(/],
    ["a JSON value that is not an object", "[1, 2]", /^the line must be a JSON object; got an array$/],
    ["a blank userId", { userId: "  " }, /^userId must not be blank$/],
    ["a missing userId", { email: "a@b.co" }, /^userId is required$/],
    ["a bad email", { userId: "u", email: "not-an-email" }, /^email "not-an-email" is not a valid email address$/],
    ["a field of the wrong type", { userId: "u", firstName: 7 }, /^firstName must be a string; got 7$/],
    ["a misspelt field", { user_id: "u" }, /^unknown field user_id; the fields are userId, email, firstName, lastName, metadata, threads$/],
    ["threads that are not a list", { userId: "u", threads: {} }, /^threads must be an array; got an object$/],
    ["a blank threadId", { userId: "u", threads: [{ threadId: "" }] }, /^threads\[0\]\.threadId must not be blank$/],
    [
      "a threadId twice in one line",
      { userId: "u", threads: [{ threadId: "t" }, { threadId: " t " }] },
      /^threads\[1\]\.threadId "t" repeats threads\[0\]'s$/,
    ],
    ["an empty message", { userId: "u", threads: [{ threadId: "t", messages: [message("  ")] }] }, /^threads\[0\]\.messages\[0\]\.content must not be empty$/],
    [
      "a message field misspelt",
      { userId: "u", threads: [{ threadId: "t", messages: [{ role: "user", text: "x" }] }] },
      /^unknown field threads\[0\]\.messages\[0\]\.text; /,
    ],
    [
      "a bad createdAt",
      { userId: "u", threads: [{ threadId: "t", messages: [{ ...message("x"), createdAt: "yesterday" }] }] },
      /^threads\[0\]\.messages\[0\]\.createdAt must be an ISO-8601 date-time/,
    ],
  ])("is refused for %s, saying what and where", (_what, line, expected) => {
    expect(refusal(line).message).toMatch(expected);
  });

  it("names a too-long message by its place in the thread, past the first 30", () => {
    const messages = Array.from({ length: 40 }, (_, i) => message(i === 33 ? "x".repeat(MAX_CONTENT_LENGTH + 1) : "ok"));
    const error = refusal({ userId: "u", threads: [{ threadId: "a" }, { threadId: "b", messages }] });
    expect(error.message).toBe(`threads[1].messages[33].content is ${MAX_CONTENT_LENGTH + 1} characters long; the limit is ${MAX_CONTENT_LENGTH}`);
    expect(error.extensions.field).toBe("threads[1].messages[33].content");
  });
});
