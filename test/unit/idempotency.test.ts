import { Row } from "../../src/db/row";
import { RequestWriteJournal, decodeOutcome, encodeOutcome } from "../../src/db/writeJournal";
import { fingerprintOf, parseIdempotencyKey } from "../../src/domain/idempotencyKey";
import type { StatementRunner } from "../../src/db/database";

describe("a write's recorded outcome", () => {
  it("comes back as it was: plain data, Dates, Rows, null and missing values", () => {
    const createdAt = new Date("2026-11-30T12:34:56.789Z");
    const outcome = {
      thread: { threadId: "t1", createdAt, metadata: { nested: [1, "two", null, { at: createdAt }] }, messageCount: 2 },
      messageUuids: ["a", "b"],
      none: null,
    };
    expect(decodeOutcome(encodeOutcome(outcome))).toEqual(outcome);
    expect(decodeOutcome(encodeOutcome("missing"))).toBe("missing");
    expect(decodeOutcome(encodeOutcome(undefined))).toBeNull();

    const row = new Row({ groupId: "g1", at: createdAt }, "user.tombstone");
    const [decoded] = decodeOutcome(encodeOutcome([row])) as Row[];
    expect(decoded).toBeInstanceOf(Row);
    expect(decoded?.string("groupId")).toBe("g1");
    expect(decoded?.date("at")).toEqual(createdAt);
    expect(decoded?.recorded().source).toBe("user.tombstone");
  });

  it("keeps data whose keys look like its tags as data", () => {
    const metadata = { $date: "not a date", $row: ["x", {}], $$twice: 1, plain: { $date: 5 } };
    expect(decodeOutcome(encodeOutcome({ metadata }))).toEqual({ metadata });
  });

  it("refuses what it could not bring back", () => {
    expect(() => encodeOutcome({ ids: new Set(["a"]) })).toThrow("a write's outcome holds a Set, which a write journal cannot record");
  });
});

describe("a request's write journal", () => {
  const tx = {} as StatementRunner;

  it("names writes by step and place within it, replays the recorded ones and records the rest", async () => {
    const recorded: [string, string][] = [];
    const journal = new RequestWriteJournal(new Map([["a#0", encodeOutcome({ n: 1 })]]), (_tx, write, outcome) => {
      recorded.push([write, outcome]);
      return Promise.resolve(true);
    });
    journal.enter("a");
    expect(journal.nextWrite()).toEqual({ replayed: true, outcome: { n: 1 } });
    const second = journal.nextWrite();
    if (second.replayed) throw new Error("a#1 was never recorded");
    await second.record(tx, { n: 2 });
    journal.enter("b");
    const third = journal.nextWrite();
    if (third.replayed) throw new Error("b#0 was never recorded");
    await third.record(tx, "missing");
    expect(recorded).toEqual([
      ["a#1", '{"n":2}'],
      ["b#0", '"missing"'],
    ]);
  });
});

describe("the Idempotency-Key header", () => {
  it("names a key bare or as a Structured Field string", () => {
    expect(parseIdempotencyKey("8e03978e-40d5-43e8-bc93-6894a57f9324")).toBe("8e03978e-40d5-43e8-bc93-6894a57f9324");
    expect(parseIdempotencyKey(' "8e03978e" ')).toBe("8e03978e");
  });

  it.each([
    ["", 0],
    ['""', 0],
    ["x".repeat(256), 256],
    ["clé", 3],
  ])("refuses %j, by its length", (header, length) => {
    expect(() => parseIdempotencyKey(header)).toThrow(
      `Idempotency-Key must be 1 to 255 printable ASCII characters (a UUID will do); got ${length} characters`,
    );
  });

  it("fingerprints the same request the same however its JSON is laid out, and another request otherwise", () => {
    const one = fingerprintOf("rest", "POST", "/api/v2/users", { user_id: "u", metadata: { a: 1, b: [1, 2] } });
    expect(fingerprintOf("rest", "POST", "/api/v2/users", { metadata: { b: [1, 2], a: 1 }, user_id: "u" })).toBe(one);
    expect(fingerprintOf("rest", "POST", "/api/v2/users", { user_id: "u", metadata: { a: 1, b: [2, 1] } })).not.toBe(one);
    expect(fingerprintOf("rest", "PATCH", "/api/v2/users", { user_id: "u", metadata: { a: 1, b: [1, 2] } })).not.toBe(one);
    expect(one).toMatch(/^[0-9a-f]{64}$/);
  });
});
