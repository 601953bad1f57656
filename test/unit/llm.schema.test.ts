import { parseContent } from "../../src/ingest/llm/chatClient";
import { ModelCallError } from "../../src/ingest/llm/modelErrors";
import { SchemaMismatch, array, boolean, integer, nullable, object, oneOf, string } from "../../src/ingest/llm/schema";

// The answer schemas: what is sent as response_format (OpenAI's strict mode rules) and how an answer is
// checked against it.

const person = object({
  name: string("the name"),
  age: nullable(integer()),
  kind: oneOf(["Person", "Other"] as const),
  tags: array(string()),
  known: boolean(),
});

describe("answer schemas", () => {
  it("describe objects as strict mode wants them: every property required, no others, null as a type", () => {
    expect(person.json).toEqual({
      type: "object",
      properties: {
        name: { type: "string", description: "the name" },
        age: { type: ["integer", "null"] },
        kind: { type: "string", enum: ["Person", "Other"] },
        tags: { type: "array", items: { type: "string" } },
        known: { type: "boolean" },
      },
      required: ["name", "age", "kind", "tags", "known"],
      additionalProperties: false,
    });
  });

  it("keep a nullable property's description on the property", () => {
    expect(nullable(string("when")).json).toEqual({ type: ["string", "null"], description: "when" });
  });

  it("parse a fitting answer, reading a missing nullable property as null and ignoring extra ones", () => {
    expect(person.parse({ name: "Tom", kind: "Person", tags: ["a"], known: true, extra: 1 }, "$")).toEqual({
      name: "Tom",
      age: null,
      kind: "Person",
      tags: ["a"],
      known: true,
    });
  });

  it.each([
    [{ name: 1, age: null, kind: "Person", tags: [], known: true }, "at $.name: expected a string, got 1"],
    [{ name: "a", age: 1.5, kind: "Person", tags: [], known: true }, "at $.age: expected an integer, got 1.5"],
    [{ name: "a", age: null, kind: "Robot", tags: [], known: true }, 'at $.kind: expected one of Person, Other, got "Robot"'],
    [{ name: "a", age: null, kind: "Person", tags: ["x", 2], known: true }, "at $.tags[1]: expected a string, got 2"],
    [{ name: "a", age: null, kind: "Person", tags: [] }, "at $.known: expected true or false, got nothing"],
    [[], "at $: expected an object, got []"],
  ])("refuses %j, naming the first place it differs", (value, message) => {
    expect(() => person.parse(value, "$")).toThrow(new SchemaMismatch(message));
  });
});

describe("parseContent", () => {
  const call = { name: "extract_facts", schema: object({ facts: array(string()) }) };

  it("reads JSON content, also inside a ```json fence", () => {
    expect(parseContent('{"facts":["a"]}', call)).toEqual({ facts: ["a"] });
    expect(parseContent('```json\n{"facts":[]}\n```', call)).toEqual({ facts: [] });
  });

  it("turns content that is not JSON, or does not fit, into a retryable ModelCallError", () => {
    for (const content of ["Sure! Here are the facts:", '{"facts": "none"}']) {
      let error: unknown;
      try {
        parseContent(content, call);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ModelCallError);
      expect(error).toMatchObject({ retryable: true });
      expect((error as Error).message).toContain("extract_facts");
    }
  });
});
