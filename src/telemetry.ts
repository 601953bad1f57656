import type { Tracing } from "./observability/tracing";
import { tracingRequested } from "./observability/tracingConfig";

// The first import of the process entry (src/index.ts). OpenTelemetry instruments http, Express and graphql by
// patching them as they are loaded, so the SDK must start before anything loads them; and it starts only when
// the environment asks for tracing (see tracingRequested), otherwise it is not even loaded.

function startTelemetry(): Tracing | null {
  if (!tracingRequested(process.env)) return null;
  // A synchronous require on purpose: an import() would resolve after the entry has loaded Express.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracing } = require("./observability/tracing") as typeof import("./observability/tracing");
  return startTracing(process.env);
}

/** The running tracing, to shut down (flushing its spans) when the process stops; null when off. */
export const tracing = startTelemetry();
