import { type UserFields, describeUserNode, fullName } from "../../src/domain/userNode";

const user = (fields: Partial<UserFields>): UserFields => ({
  userId: "user-42",
  email: null,
  firstName: null,
  lastName: null,
  ...fields,
});

describe("fullName", () => {
  it("joins first and last name with one space", () => {
    expect(fullName(user({ firstName: "Ada", lastName: "Lovelace" }))).toBe("Ada Lovelace");
  });

  it("uses whichever part is known", () => {
    expect(fullName(user({ firstName: "Ada" }))).toBe("Ada");
    expect(fullName(user({ lastName: "Lovelace" }))).toBe("Lovelace");
  });

  it("is null when neither part is known, empty strings included", () => {
    expect(fullName(user({}))).toBeNull();
    expect(fullName(user({ firstName: "", lastName: "" }))).toBeNull();
  });
});

describe("describeUserNode", () => {
  it("names the node by the full name first", () => {
    expect(describeUserNode(user({ firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" })).name).toBe("Ada Lovelace");
  });

  it("falls back to the email when no name is known", () => {
    expect(describeUserNode(user({ email: "ada@example.com" })).name).toBe("ada@example.com");
  });

  it("falls back to the userId when neither name nor email is known", () => {
    expect(describeUserNode(user({})).name).toBe("user-42");
  });

  it("summarises a named user with their name, userId and email", () => {
    const { summary } = describeUserNode(user({ firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" }));
    expect(summary).toContain("Ada Lovelace");
    expect(summary).toContain('"user-42"');
    expect(summary).toContain("ada@example.com");
    expect(summary).not.toMatch(/not known/);
  });

  it("says the name is not known when it is not, and still mentions the userId and email", () => {
    const { summary } = describeUserNode(user({ email: "ada@example.com" }));
    expect(summary).toMatch(/name is not known/);
    expect(summary).toContain('"user-42"');
    expect(summary).toContain("ada@example.com");
  });

  it("does not mention an email the user does not have", () => {
    expect(describeUserNode(user({ firstName: "Ada" })).summary).not.toMatch(/email/);
    expect(describeUserNode(user({})).summary).not.toMatch(/email/);
  });

  it("copies the four user fields into the attributes, unknown ones as null", () => {
    expect(describeUserNode(user({ firstName: "Ada", email: "ada@example.com" })).attributes).toEqual({
      userId: "user-42",
      email: "ada@example.com",
      firstName: "Ada",
      lastName: null,
    });
  });

  it("changes its name and summary when the user's fields change", () => {
    const before = describeUserNode(user({ firstName: "Ada" }));
    const after = describeUserNode(user({ firstName: "Augusta" }));
    expect(after.name).not.toBe(before.name);
    expect(after.summary).toContain("Augusta");
    expect(after.summary).not.toContain("Ada");
  });
});
