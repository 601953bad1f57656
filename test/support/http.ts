import type { TestApp } from "./testApp";

/** An answer over HTTP: status, headers, and the JSON body (null when there is none). */
export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** Calls a served app as a client would, with an Authorization header when given. */
export interface HttpClient {
  graphql(query: string, variables?: Record<string, unknown>): Promise<Answer>;
  /** A route below /api/v2. */
  rest(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<Answer>;
}

export function httpClient(origin: string, authorization?: string): HttpClient {
  const send = async (method: string, path: string, body: unknown): Promise<Answer> => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: {
        ...(authorization === undefined ? {} : { authorization }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === "" ? null : JSON.parse(text) };
  };
  return {
    graphql: (query, variables = {}) => send("POST", "/graphql", { query, variables }),
    rest: (method, path, body) => send(method, `/api/v2${path}`, body),
  };
}

/** Serves the app on a free port; its origin, `http://127.0.0.1:<port>`. */
export async function serve(t: TestApp): Promise<string> {
  return `http://127.0.0.1:${await t.app.server.listen(0)}`;
}
