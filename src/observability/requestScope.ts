import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "pino";

// The request under way, for code that has no request object at hand: formatError (Apollo calls it with the
// error alone) and the driver's log callback. Each request runs in a scope of its own (src/http/requestId.ts);
// what it starts, promises and timers included, sees that scope.

export interface RequestScope {
  readonly requestId: string;
  /** The service's logger with this request's id on every line. */
  readonly logger: Logger;
  /** False once the response is over: work that outlives it (a pooled connection it opened) is no longer its. */
  open: boolean;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

/**
 * The logger of the request under way, or `fallback` outside any request or after its response. A socket
 * keeps the scope of the request that opened it, so a line logged from the socket after that request ended
 * goes to the fallback rather than to a request it does not belong to.
 */
export function currentRequestLogger(fallback: Logger): Logger {
  const scope = storage.getStore();
  return scope?.open ? scope.logger : fallback;
}
