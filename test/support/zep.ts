import { ZepClient, ZepError } from "@getzep/zep-cloud";
import type { TestApp } from "./testApp";

/** Serves the test app over HTTP and points the official Zep SDK at its /api/v2, as an application would. */
export async function serveForZep(t: TestApp): Promise<{ base: string; zep: ZepClient }> {
  const base = `http://127.0.0.1:${await t.app.server.listen(0)}/api/v2`;
  return { base, zep: new ZepClient({ apiKey: "test", baseUrl: base }) };
}

/** The error a call fails with, for asserting on its class, status and body. */
export async function failure(call: Promise<unknown>): Promise<ZepError> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ZepError)) throw new Error(`expected a ZepError, got ${String(error)}`);
  return error;
}

/** The `message` of Zep's error body. */
export const messageOf = (error: ZepError): string => (error.body as { message: string }).message;
