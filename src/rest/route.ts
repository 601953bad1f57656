import type { Handler } from "./endpoint";
import type { FieldNames } from "./errors";

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

/**
 * One row of a REST route table: the method and Express path (below /api/v2, `:name` for a parameter) it
 * serves, the handler that serves it, and the REST names its error messages need (see restNaming).
 */
export interface Route {
  readonly method: Method;
  readonly path: string;
  readonly handler: Handler;
  readonly names?: FieldNames;
}
