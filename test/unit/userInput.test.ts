import { GraphQLError } from "graphql";
import {
  MAX_EMAIL_LENGTH,
  MAX_NAME_LENGTH,
  MAX_USER_ID_LENGTH,
  normalizeUserId,
  validateNewUser,
  validateUserChanges,
} from "../../src/domain/userInput";

function badUserInputFrom(work: () => unknown): GraphQLError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
    return error as GraphQLError;
  }
  throw new Error("expected BAD_USER_INPUT, nothing was thrown");
}

describe("normalizeUserId", () => {
  it("trims surrounding whitespace", () => {
    expect(normalizeUserId("  user-1\t\n")).toBe("user-1");
  });

  it("keeps inner whitespace and any characters", () => {
    expect(normalizeUserId(" a b/ü😀 ")).toBe("a b/ü😀");
  });

  it.each(["", " ", "\t\n  "])("refuses a blank id (%j) as BAD_USER_INPUT on userId", (raw) => {
    const error = badUserInputFrom(() => normalizeUserId(raw));
    expect(error.extensions.field).toBe("userId");
    expect(error.message).toContain("blank");
  });

  it("reports the field name it is given", () => {
    expect(badUserInputFrom(() => normalizeUserId(" ", "input.userId")).extensions.field).toBe("input.userId");
  });

  it("accepts 500 characters and refuses 501, saying both numbers", () => {
    expect(MAX_USER_ID_LENGTH).toBe(500);
    expect(normalizeUserId("x".repeat(500))).toHaveLength(500);
    const error = badUserInputFrom(() => normalizeUserId("x".repeat(501)));
    expect(error.extensions.field).toBe("userId");
    expect(error.message).toContain("501");
    expect(error.message).toContain("500");
  });

  it("measures the length after trimming", () => {
    expect(normalizeUserId(`   ${"x".repeat(500)}   `)).toBe("x".repeat(500));
  });
});

describe("validateNewUser", () => {
  it("fills absent optional fields with null and trims what is given", () => {
    expect(validateNewUser({ userId: " u1 " })).toEqual({ userId: "u1", email: null, firstName: null, lastName: null, metadata: null });
    expect(validateNewUser({ userId: "u1", email: " a@b.co ", firstName: " Ada ", lastName: " Lovelace ", metadata: { k: 1 } })).toEqual({
      userId: "u1",
      email: "a@b.co",
      firstName: "Ada",
      lastName: "Lovelace",
      metadata: { k: 1 },
    });
  });

  it.each([
    "a@b.co",
    "first.last+tag@example.co.uk",
    "UPPER@EXAMPLE.COM",
    "o'brien@example.ie",
    "user@sub.domain.example",
    "用户@例子.广告",
  ])("accepts the email %s", (email) => {
    expect(validateNewUser({ userId: "u", email }).email).toBe(email);
  });

  it.each([
    "plain",
    "@example.com",
    "user@",
    "user@localhost",
    "user@@example.com",
    "us er@example.com",
    "user@exa mple.com",
    "user@.example.com",
    "user@example..com",
    "user@example.com.",
    "a@b@c.com",
  ])("refuses the email %j, quoting it, on field email", (email) => {
    const error = badUserInputFrom(() => validateNewUser({ userId: "u", email }));
    expect(error.extensions.field).toBe("email");
    expect(error.message).toContain(`"${email}"`);
  });

  it("accepts an email of 254 characters and refuses one of 255", () => {
    expect(MAX_EMAIL_LENGTH).toBe(254);
    const at254 = `${"a".repeat(254 - "@example.com".length)}@example.com`;
    expect(at254).toHaveLength(254);
    expect(validateNewUser({ userId: "u", email: at254 }).email).toBe(at254);
    const at255 = `a${at254}`;
    expect(badUserInputFrom(() => validateNewUser({ userId: "u", email: at255 })).extensions.field).toBe("email");
  });

  it.each(["firstName", "lastName"] as const)("accepts a %s of 200 characters and refuses 201, naming the field", (field) => {
    expect(MAX_NAME_LENGTH).toBe(200);
    expect(validateNewUser({ userId: "u", [field]: "n".repeat(200) })[field]).toHaveLength(200);
    const error = badUserInputFrom(() => validateNewUser({ userId: "u", [field]: "n".repeat(201) }));
    expect(error.extensions.field).toBe(field);
    expect(error.message).toContain("201");
    expect(error.message).toContain(field);
  });

  it("measures names after trimming, and stores a blank name as null", () => {
    expect(validateNewUser({ userId: "u", firstName: `  ${"n".repeat(200)}  ` }).firstName).toHaveLength(200);
    expect(validateNewUser({ userId: "u", firstName: "   ", lastName: "" })).toMatchObject({ firstName: null, lastName: null });
  });

  it("refuses a blank userId", () => {
    expect(badUserInputFrom(() => validateNewUser({ userId: "  " })).extensions.field).toBe("userId");
  });

  it("refuses metadata over 64 KiB and accepts 64 KiB exactly", () => {
    // {"k":"…"} adds 8 bytes around the string.
    expect(validateNewUser({ userId: "u", metadata: { k: "x".repeat(65536 - 8) } }).metadata).toBeTruthy();
    const error = badUserInputFrom(() => validateNewUser({ userId: "u", metadata: { k: "x".repeat(65536 - 7) } }));
    expect(error.extensions.field).toBe("metadata");
  });

  it("refuses metadata that is not an object when a caller bypasses the JSONObject scalar", () => {
    const error = badUserInputFrom(() => validateNewUser({ userId: "u", metadata: [1, 2] as unknown as Record<string, unknown> }));
    expect(error.extensions.field).toBe("metadata");
  });
});

describe("validateUserChanges", () => {
  it("keeps absent keys absent, so that they leave the stored fields alone", () => {
    const changes = validateUserChanges({});
    expect(Object.keys(changes)).toEqual([]);
    expect(Object.keys(validateUserChanges({ email: "a@b.co" }))).toEqual(["email"]);
  });

  it("keeps explicit nulls as null, so that they clear the stored fields", () => {
    const changes = validateUserChanges({ email: null, firstName: null, lastName: null, metadata: null });
    expect(changes).toEqual({ email: null, firstName: null, lastName: null, metadata: null });
    expect(Object.keys(changes).sort()).toEqual(["email", "firstName", "lastName", "metadata"]);
  });

  it("treats an explicit undefined like an absent key", () => {
    expect(Object.keys(validateUserChanges({ email: undefined, metadata: undefined }))).toEqual([]);
  });

  it("trims what it keeps and turns a blank name into null", () => {
    expect(validateUserChanges({ email: " a@b.co ", firstName: " Ada ", lastName: "  " })).toEqual({
      email: "a@b.co",
      firstName: "Ada",
      lastName: null,
    });
  });

  it("validates the values it is given like validateNewUser", () => {
    expect(badUserInputFrom(() => validateUserChanges({ email: "nope" })).extensions.field).toBe("email");
    expect(badUserInputFrom(() => validateUserChanges({ lastName: "n".repeat(201) })).extensions.field).toBe("lastName");
    expect(badUserInputFrom(() => validateUserChanges({ metadata: { k: "x".repeat(65536) } })).extensions.field).toBe("metadata");
  });

  it("passes a metadata patch through unchanged, nulls inside it included (they mean: remove this key)", () => {
    const patch = { a: null, b: { c: null, d: 1 } };
    expect(validateUserChanges({ metadata: patch }).metadata).toEqual({ a: null, b: { c: null, d: 1 } });
  });
});
