import type { ApolloServerPlugin } from "@apollo/server";
import { badUserInput } from "../errors";
import { operationCost } from "./queryCost";

/**
 * Refuses an operation whose estimated cost (src/limits/queryCost.ts) is above `maxCost`, after validation
 * and before anything runs. Its variables are known by then, so `first: $n` counts as what $n is.
 */
export function costLimitPlugin<Context extends object>(maxCost: number): ApolloServerPlugin<Context> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ schema, document, operation, request }) {
          const cost = operation ? operationCost(schema, document, operation, request.variables ?? {}) : 0;
          if (cost <= maxCost) return Promise.resolve();
          const error = badUserInput(
            `the operation's estimated cost is ${cost}, above the limit of ${maxCost}: ask for smaller pages ` +
              "(first, last, pageSize, limit) or fewer nested lists",
          );
          // Thrown from this hook, an error answers 500 unless it names its status.
          Object.assign(error.extensions, { cost, maxCost, http: { status: 400 } });
          return Promise.reject(error);
        },
      });
    },
  };
}
