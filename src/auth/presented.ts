import type { IncomingHttpHeaders } from "node:http";
import type { Presented } from "./gate";

/** What an HTTP request presents to the gate (an Express request fits). */
export function presentedBy(req: { headers: IncomingHttpHeaders; ip?: string | undefined; socket: { remoteAddress?: string | undefined } }): Presented {
  return { authorization: req.headers.authorization, address: req.ip ?? req.socket.remoteAddress ?? "unknown" };
}
