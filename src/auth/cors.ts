import cors from "cors";
import type { Config } from "../config";

/** The headers browsers may send: credentials, JSON bodies, Zep's idempotency keys, Apollo's CSRF preflight header, tracing. */
const ALLOWED_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key", "apollo-require-preflight", "x-request-id"];
/** The headers browsers may read: when to retry, and the next page of Zep's graph lists. */
const EXPOSED_HEADERS = ["Retry-After", "Zep-Next-Cursor"];

type Handler = ReturnType<typeof cors>;

/**
 * CORS for /graphql and /api/v2: the configured origins ("*": any) may call with an Authorization header.
 * No cookies are involved, so no credentialed requests. A preflight from another origin gets no
 * Access-Control-Allow-Origin, which the browser takes as a refusal. An OPTIONS that is not a preflight
 * goes on to the routes (Express answers it with the path's methods).
 */
export function corsHandler(origins: Config["corsOrigins"]): Handler {
  const handle = cors({
    origin: origins === "*" ? "*" : [...origins],
    methods: ["GET", "POST", "PATCH", "DELETE"],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  return (req, res, next) => {
    if (req.method === "OPTIONS" && req.headers["access-control-request-method"] === undefined) {
      next();
      return;
    }
    handle(req, res, next);
  };
}
