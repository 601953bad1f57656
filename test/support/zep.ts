import { ZepClient, ZepError } from "@getzep/zep-cloud";
import { type TestApp, startTestApp } from "./testApp";

/**
 * Serves the test app over HTTP and points the official Zep SDK at its /api/v2 with a real API key of the
 * app's project, as an application would.
 */
export async function serveForZep(t: TestApp): Promise<{ base: string; zep: ZepClient }> {
  const base = `http://127.0.0.1:${await t.app.server.listen(0)}/api/v2`;
  return { base, zep: new ZepClient({ apiKey: await t.newApiKey(), baseUrl: base }) };
}

/** A test app served for the Zep SDK: `t` to inspect Neo4j, `zep` to call it, `base` for raw HTTP. */
export interface ZepApp {
  t: TestApp;
  zep: ZepClient;
  base: string;
}

/**
 * Registers a beforeAll that starts a test app and serves it for the Zep SDK, and an afterAll that closes
 * it. Call it in a describe block; the object it returns is filled in by the time the tests run.
 */
export function useZepApp(): ZepApp {
  const app = {} as ZepApp;
  beforeAll(async () => {
    app.t = await startTestApp();
    Object.assign(app, await serveForZep(app.t));
  });
  // A failed start leaves no app to close, and the start's own error is the one to read.
  afterAll(() => app.t?.close());
  return app;
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
