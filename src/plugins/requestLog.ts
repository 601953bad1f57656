import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context";
import { ErrorCode, isPublicCode } from "../errors";
import type { Metrics } from "../metrics";

// Operation names come from clients; a bounded set keeps the histogram's label cardinality bounded.
const MAX_DISTINCT_OPERATIONS = 500;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/**
 * One log line (through the request's logger, so with its id) and one histogram observation per GraphQL
 * request: operation, duration, error codes; and one count per error, by the code the client sees.
 */
export function requestLogPlugin(metrics: Metrics): ApolloServerPlugin<Context> {
  const seenOperations = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return "anonymous";
    if (!OPERATION_NAME.test(name)) return "invalid_name";
    if (seenOperations.has(name)) return name;
    if (seenOperations.size >= MAX_DISTINCT_OPERATIONS) return "other";
    seenOperations.add(name);
    return name;
  };
  return {
    requestDidStart() {
      const started = process.hrtime.bigint();
      return Promise.resolve({
        willSendResponse({ request, operationName, errors, contextValue }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const operation = operationLabel(operationName ?? request.operationName);
          metrics.requestDuration.observe({ operation }, seconds);
          const errorCodes = (errors ?? []).map((error) => typeof error.extensions?.code === "string" ? error.extensions.code : "INTERNAL_SERVER_ERROR");
          // formatError masks every code outside the table; the metric counts what the client sees, a bounded set.
          for (const code of errorCodes) {
            metrics.errors.inc({ code: isPublicCode(code) ? code : ErrorCode.INTERNAL_SERVER_ERROR, door: "graphql" });
          }
          contextValue.logger.info(
            { operation, durationMs: Math.round(seconds * 1e6) / 1e3, errorCodes },
            "graphql request",
          );
          return Promise.resolve();
        },
      });
    },
  };
}
