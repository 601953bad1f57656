import { DateTimeResolver, JSONObjectResolver } from "graphql-scalars";
import { GraphQLScalarType } from "graphql";

// DateTime always leaves the service as ISO-8601 UTC with milliseconds (2026-11-27T10:00:00.000Z),
// whatever form the value had inside; input parsing is graphql-scalars'.
const DateTime = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  serialize(value: unknown): string {
    const date = value instanceof Date ? value : new Date(DateTimeResolver.serialize(value));
    return date.toISOString();
  },
});

export const scalarResolvers = { DateTime, JSONObject: JSONObjectResolver };
