import { Writable } from "node:stream";
import { GraphQLError } from "graphql";
import pino from "pino";
import { badUserInput, serviceUnavailable } from "../../src/errors";
import { createFormatError } from "../../src/formatError";

function capture() {
  const lines: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, format: createFormatError(pino({ level: "info" }, stream)) };
}

// What Apollo hands formatError for an error thrown in a resolver: the resolver's error wrapped in a
// GraphQLError that carries it as originalError.
function fromResolver(error: Error): { formatted: ReturnType<GraphQLError["toJSON"]>; wrapped: GraphQLError } {
  const wrapped = new GraphQLError(error.message, { originalError: error, path: ["user"] });
  const json = wrapped.toJSON();
  const formatted = error instanceof GraphQLError ? { ...json, extensions: { ...error.extensions } } : json;
  return { formatted, wrapped };
}

describe("formatError", () => {
  it("masks an unknown error as INTERNAL_SERVER_ERROR and logs it in full", async () => {
    const { lines, format } = capture();
    const { formatted, wrapped } = fromResolver(new Error("connection string bolt://secret@db"));
    const shown = format(formatted, wrapped);
    expect(shown).toEqual({ message: "Internal server error", path: ["user"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.err.message).toBe("connection string bolt://secret@db");
    expect(lines[0]?.err.stack).toContain("Error");
  });

  it("passes errors raised on purpose through with their code and message", () => {
    const { format } = capture();
    const { formatted, wrapped } = fromResolver(badUserInput("email \"x\" is not a valid email address", "email"));
    expect(format(formatted, wrapped)).toMatchObject({
      message: 'email "x" is not a valid email address',
      extensions: { code: "BAD_USER_INPUT", field: "email" },
    });
  });

  it("keeps SERVICE_UNAVAILABLE visible without the driver's details", () => {
    const { format } = capture();
    const { formatted, wrapped } = fromResolver(serviceUnavailable(new Error("connect ECONNREFUSED 10.0.0.1:7687")));
    const shown = format(formatted, wrapped);
    expect(shown.extensions?.code).toBe("SERVICE_UNAVAILABLE");
    expect(JSON.stringify(shown)).not.toContain("ECONNREFUSED");
  });

  it("masks a GraphQLError whose code is not one of ours", () => {
    const { format } = capture();
    const { formatted, wrapped } = fromResolver(new GraphQLError("raw", { extensions: { code: "SOMETHING_ELSE" } }));
    expect(format(formatted, wrapped).extensions?.code).toBe("INTERNAL_SERVER_ERROR");
  });

  it.each([
    ['Cannot query field "user" on type "Query". Did you mean "users" or "usersOrdered"?', 'Cannot query field "user" on type "Query".'],
    ['Value "USR" does not exist in "RoleType" enum. Did you mean the enum value "USER"?', 'Value "USR" does not exist in "RoleType" enum.'],
    ['Unknown type "Usr". Did you mean "User"?', 'Unknown type "Usr".'],
  ])("with hideSuggestions (production), drops the suggestion from %j", (message, shown) => {
    const hiding = createFormatError(pino({ level: "silent" }), { hideSuggestions: true });
    const error = new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    expect(hiding({ message, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }, error).message).toBe(shown);
    expect(capture().format({ message, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }, error).message).toBe(message);
  });
});
